using System.Security.Cryptography;
using System.Text;
using Tunda.Mail;

namespace Tunda.Mail.Tests;

public sealed class PickupFolderTransportTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "tunda-pickup-" + Guid.NewGuid().ToString("N"));

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    [Fact]
    public async Task a_message_is_written_as_an_eml_named_by_utc_time_and_message_id_hash()
    {
        var clock = new FixedClock(new DateTimeOffset(2026, 11, 22, 9, 30, 15, 123, TimeSpan.FromHours(1)));
        var transport = new PickupFolderTransport(_folder, clock);
        var message = ComposedMail.Simple("Benvenuto") with { MessageId = "id-1@tunda.example" };

        var name = await transport.WriteAsync(message, CancellationToken.None);

        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("<id-1@tunda.example>")))[..16];
        name.ShouldBe($"20261122T0830151230000Z-{hash}.eml");
        Directory.GetFiles(_folder).Select(Path.GetFileName).ShouldBe([name]);
        var mail = new ComposedMail(await File.ReadAllBytesAsync(Path.Combine(_folder, name)));
        mail.Header("Subject").ShouldBe("Benvenuto");
        mail.Header("Message-ID").ShouldBe("<id-1@tunda.example>");
    }

    [Fact]
    public async Task messages_without_an_id_get_one_and_distinct_files()
    {
        var transport = new PickupFolderTransport(_folder);

        await transport.SendAsync(ComposedMail.Simple("uno"), CancellationToken.None);
        await transport.SendAsync(ComposedMail.Simple("due"), CancellationToken.None);

        var files = Directory.GetFiles(_folder);
        files.Length.ShouldBe(2);
        files.ShouldAllBe(f => f.EndsWith(".eml", StringComparison.Ordinal));
        files.Select(f => new ComposedMail(File.ReadAllBytes(f)).Header("Message-ID")).Distinct().Count().ShouldBe(2);
    }

    [Fact]
    public async Task an_invalid_message_leaves_no_file_behind()
    {
        var transport = new PickupFolderTransport(_folder);

        await Should.ThrowAsync<ArgumentException>(() => transport.SendAsync(ComposedMail.Simple("a\r\nb"), CancellationToken.None));

        (Directory.Exists(_folder) ? Directory.GetFiles(_folder) : []).ShouldBeEmpty();
    }

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }
}
