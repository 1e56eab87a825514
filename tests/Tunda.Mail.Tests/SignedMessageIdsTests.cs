using System.Security.Cryptography;
using MimeKit.Utils;
using Tunda.Mail;

namespace Tunda.Mail.Tests;

public sealed class SignedMessageIdsTests
{
    private static readonly byte[] Key = RandomNumberGenerator.GetBytes(32);
    private static readonly SignedMessageIds Signer = new(Key);
    private static readonly Guid Unique = Guid.Parse("0195e8c1-7a3b-7c00-9d2e-4f5a6b7c8d9e");

    [Fact]
    public void an_id_with_a_reference_reads_back_its_reference()
    {
        var id = Signer.Create("tunda.it", Unique, "TND-7K3QX");

        id.ShouldEndWith("@tunda.it");
        id.ShouldStartWith("TND-7K3QX.");
        Signer.TryRead(id, out var reference).ShouldBeTrue();
        reference.ShouldBe("TND-7K3QX");
    }

    [Fact]
    public void an_id_without_a_reference_verifies_with_no_reference()
    {
        var id = Signer.Create("tunda.it", Unique);

        Signer.TryRead(id, out var reference).ShouldBeTrue();
        reference.ShouldBeNull();
    }

    [Fact]
    public void the_same_unique_part_and_reference_always_give_the_same_id()
    {
        Signer.Create("tunda.it", Unique, "TND-1").ShouldBe(new SignedMessageIds(Key).Create("tunda.it", Unique, "tnd-1"));
        Signer.Create("tunda.it", Guid.NewGuid(), "TND-1").ShouldNotBe(Signer.Create("tunda.it", Unique, "TND-1"));
    }

    [Fact]
    public void an_id_is_a_valid_message_id_that_mimekit_reads_back_unchanged()
    {
        var id = Signer.Create("tunda.it", Unique, "TND-7K3QX");

        MimeUtils.ParseMessageId($"<{id}>").ShouldBe(id);
        id.ShouldMatch(@"^[A-Z0-9-]+\.[0-9A-F]{32}\.[0-9A-F]{32}@tunda\.it$");
    }

    [Theory]
    [InlineData("<{0}>")]
    [InlineData("  <{0}>  ")]
    [InlineData("< {0} >")]
    [InlineData("{0}")]
    public void brackets_and_surrounding_spaces_do_not_matter(string format)
    {
        var id = Signer.Create("tunda.it", Unique, "TND-7K3QX");

        Signer.TryRead(string.Format(System.Globalization.CultureInfo.InvariantCulture, format, id), out var reference).ShouldBeTrue();
        reference.ShouldBe("TND-7K3QX");
    }

    [Fact]
    public void neither_the_case_of_the_domain_nor_of_the_whole_id_matters()
    {
        var id = Signer.Create("Tunda.IT", Unique, "TND-7K3QX");

        Signer.TryRead(id.Replace("@Tunda.IT", "@TUNDA.it", StringComparison.Ordinal), out var reference).ShouldBeTrue();
        reference.ShouldBe("TND-7K3QX");
        Signer.TryRead(id.ToLowerInvariant(), out reference).ShouldBeTrue();
        reference.ShouldBe("TND-7K3QX");
    }

    [Fact]
    public void non_ascii_letters_that_fold_into_ascii_do_not_pass_for_the_real_ones()
    {
        var id = Signer.Create("tunda.it", Unique, "TICKET-S");

        Signer.TryRead(id, out _).ShouldBeTrue();
        Signer.TryRead(id.Replace("TICKET-S", "tıcket-ſ", StringComparison.Ordinal), out _).ShouldBeFalse();
    }

    [Fact]
    public void an_id_signed_with_another_key_is_refused()
    {
        var other = new SignedMessageIds(RandomNumberGenerator.GetBytes(32));

        Signer.TryRead(other.Create("tunda.it", Unique, "TND-7K3QX"), out var reference).ShouldBeFalse();
        reference.ShouldBeNull();
    }

    [Fact]
    public void changing_any_single_character_of_the_left_part_is_refused()
    {
        var id = Signer.Create("tunda.it", Unique, "TND-7K3QX");
        var left = id[..id.IndexOf('@', StringComparison.Ordinal)];

        for (var i = 0; i < left.Length; i++)
        {
            foreach (var replacement in new[] { '0', 'F', 'Z', '.', '-' })
            {
                if (char.ToUpperInvariant(left[i]) == replacement)
                {
                    continue;
                }

                var altered = string.Concat(left.AsSpan(0, i), replacement.ToString(), id.AsSpan(i + 1));
                Signer.TryRead(altered, out _).ShouldBeFalse(altered);
            }
        }
    }

    [Fact]
    public void a_reference_moved_onto_another_signed_id_is_refused()
    {
        var mine = Signer.Create("tunda.it", Unique, "TND-AAAAA");
        var forged = "TND-BBBBB" + mine["TND-AAAAA".Length..];

        Signer.TryRead(forged, out _).ShouldBeFalse();
        Signer.TryRead(mine[(mine.IndexOf('.', StringComparison.Ordinal) + 1)..], out _).ShouldBeFalse();
    }

    [Fact]
    public void a_truncated_id_is_refused()
    {
        var id = Signer.Create("tunda.it", Unique, "TND-7K3QX");
        var at = id.IndexOf('@', StringComparison.Ordinal);

        for (var cut = 1; cut < at; cut++)
        {
            Signer.TryRead(id[..cut] + id[at..], out _).ShouldBeFalse();
            Signer.TryRead(id[cut..], out _).ShouldBeFalse();
        }

        Signer.TryRead(id[..at], out _).ShouldBeFalse();
        Signer.TryRead(id[..(at + 1)], out _).ShouldBeFalse();
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("<>")]
    [InlineData("@")]
    [InlineData("<@tunda.it>")]
    [InlineData("CAFxyz123@mail.gmail.com")]
    [InlineData("a.b.c@tunda.it")]
    [InlineData("TND-1.0195E8C17A3B7C009D2E4F5A6B7C8D9E.00000000000000000000000000000000@tunda.it")]
    [InlineData("TND-1.0195E8C17A3B7C009D2E4F5A6B7C8D9E.ZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZ@tunda.it")]
    [InlineData("TND 1.0195E8C17A3B7C009D2E4F5A6B7C8D9E.00000000000000000000000000000000@tunda.it")]
    [InlineData("é.0195E8C17A3B7C009D2E4F5A6B7C8D9E.00000000000000000000000000000000@tunda.it")]
    [InlineData("\0\r\n<\u00ff@\ud800>")]
    public void garbage_is_refused_without_an_exception(string? garbage)
    {
        Signer.TryRead(garbage, out var reference).ShouldBeFalse();
        reference.ShouldBeNull();
    }

    [Fact]
    public void huge_input_is_refused_at_once()
    {
        var id = Signer.Create("tunda.it", Unique, "TND-7K3QX");

        Signer.TryRead(new string('A', 10_000_000) + id, out _).ShouldBeFalse();
        Signer.TryRead(id + new string('a', 10_000_000), out _).ShouldBeFalse();
        Signer.TryRead(new string('.', 100) + id, out _).ShouldBeFalse();
    }

    [Theory]
    [InlineData("")]
    [InlineData("TND.1")]
    [InlineData("TND 1")]
    [InlineData("TND@1")]
    [InlineData("TNDè")]
    [InlineData("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456")]
    public void a_reference_that_cannot_be_read_back_is_refused_when_creating(string reference)
    {
        Should.Throw<ArgumentException>(() => Signer.Create("tunda.it", Unique, reference));
    }

    [Theory]
    [InlineData("")]
    [InlineData("tunda it")]
    [InlineData("a@tunda.it")]
    [InlineData("tunda.it>")]
    [InlineData("tunda.it\r\nBcc: x@y")]
    public void a_domain_that_cannot_be_in_a_message_id_is_refused(string domain)
    {
        Should.Throw<ArgumentException>(() => Signer.Create(domain, Unique, "TND-1"));
    }

    [Fact]
    public void a_key_shorter_than_256_bits_is_refused()
    {
        Should.Throw<ArgumentException>(() => new SignedMessageIds(new byte[31]));
        _ = new SignedMessageIds(new byte[64]);
    }
}
