using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Tunda.Web.Features.Accounts.Registration;
using Tunda.Web.Security;
using Wolverine;

namespace Tunda.Web.Tests.Messaging;

/// <summary>
/// The real app as the messaging tests run it: mail to a loopback SMTP server, mail retries a fifth of
/// a second apart (Tunda:Mail:RetryDelays), and Wolverine's durability agent polling every quarter
/// second instead of every five, so a retry, a replay or a scheduled message is due in moments.
/// </summary>
internal static class MessagingApps
{
    public const string Password = "Prova-password-2026!";

    /// <param name="otherNode">An app already running: this one is a second node on its schema.</param>
    public static async Task<TundaApp> StartAsync(LoopbackSmtpServer smtp, TundaApp? otherNode = null, Action<IWebHostBuilder>? configure = null)
    {
        var app = await TundaApp.StartAsync(builder =>
        {
            EmailApps.Smtp(smtp)(builder);
            builder.UseSetting("Tunda:Mail:RetryDelays:0", "00:00:00.2");
            builder.UseSetting("Tunda:Mail:RetryDelays:1", "00:00:00.2");
            builder.ConfigureServices(services => services.ConfigureWolverine(options =>
            {
                options.Durability.ScheduledJobFirstExecution = TimeSpan.Zero;
                options.Durability.ScheduledJobPollingTime = TimeSpan.FromMilliseconds(250);
            }));
            configure?.Invoke(builder);
        }, sharedSchema: otherNode?.Schema);
        await app.Get<SecurityStartup>().Ready.WaitAsync(TimeSpan.FromSeconds(60));
        return app;
    }

    /// <summary>A registration command as the form makes it, for a person with <paramref name="email"/>.</summary>
    public static RegisterNewCustomer Registration(string email) => RegistrationForm(email).ToCommand(Guid.NewGuid(), new LegalVersions(), "it");

    /// <summary>What the registration form and <c>POST /api/customers</c> send.</summary>
    public static RegistrationInput RegistrationForm(string email) => new()
    {
        Kind = "person",
        FirstName = "Mario",
        LastName = "Rossi",
        CodiceFiscale = "RSSMRA85T10A562S",
        Street = "Via Roma 1",
        City = "Milano",
        Zip = "20121",
        Province = "MI",
        Country = "IT",
        Phone = "+39 02 1234567",
        Email = email,
        Password = Password,
        PasswordConfirmation = Password,
        AcceptTerms = true,
        AcceptPrivacy = true,
    };

    /// <summary>A count from SQL in which <c>{schema}</c> stands for the app's schema.</summary>
    public static Task<long> CountAsync(this TundaApp app, string sql) =>
        TestDatabase.ScalarAsync<long>(sql.Replace("{schema}", app.Schema, StringComparison.Ordinal));
}
