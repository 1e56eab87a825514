using Tunda.Web.Features.Email;

namespace Tunda.Web.Tests;

public sealed class EmailTemplateTests
{
    /// <summary>Every template the accounts issue needs, with the values its placeholders ask for.</summary>
    public static TheoryData<string, string[]> Templates => new()
    {
        { "registration-summary", ["name", "accountType", "companyName", "firstName", "lastName", "codiceFiscale", "partitaIva", "address", "zip", "city", "province", "country", "phone", "email", "pec", "codiceDestinatario", "acceptedAt", "confirmLink"] },
        { "confirm-email", ["name", "confirmLink"] },
        { "registration-attempt", ["name", "email", "signInLink", "resetLink"] },
        { "password-reset", ["name", "resetLink"] },
        { "password-changed", ["name", "changedAt"] },
        { "login-email-change-confirm", ["name", "newEmail", "confirmLink"] },
        { "login-email-changed-notice", ["name", "oldEmail", "newEmail"] },
        { "contact-invitation", ["name", "inviterName", "customerName", "invitationLink"] },
        { "username-recovery-received", ["name", "reference"] },
        { "staff-invitation", ["name", "role", "invitationLink"] },
    };

    private static readonly MailTemplates Files = new(TemplateFolder());

    [Theory]
    [MemberData(nameof(Templates))]
    public void every_template_renders_in_italian_and_english_with_its_documented_values_only(string name, string[] keys)
    {
        var values = keys.ToDictionary(k => k, k => $"<{k}>");

        foreach (var (language, signOff) in new[] { ("it", "Cordiali saluti,\nTunda\n"), ("en", "Kind regards,\nTunda\n") })
        {
            Files.LanguageFor(name, language).ShouldBe(language);
            var mail = Files.Render(name, language, values);
            mail.Subject.ShouldNotBeNullOrWhiteSpace();
            mail.Body.ShouldNotContain("{{");
            mail.Body.ShouldContain(signOff);
            foreach (var key in keys)
            {
                (mail.Subject + mail.Body).ShouldContain($"<{key}>", customMessage: $"{name}.{language} should use {{{{{key}}}}}");
            }

            // A value fewer is an error: the list above is exactly what callers must give.
            foreach (var key in keys)
            {
                Should.Throw<MailTemplateException>(() => Files.Render(name, language, values.Where(v => v.Key != key).ToDictionary()));
            }
        }
    }

    [Fact]
    public void the_registration_summary_never_asks_for_the_password()
    {
        foreach (var language in new[] { "it", "en" })
        {
            File.ReadAllText(Path.Combine(Files.Folder, $"registration-summary.{language}.txt")).ShouldNotContain("{{password", Case.Insensitive);
        }
    }

    [Fact]
    public void values_are_inserted_as_plain_text_and_never_expanded_again()
    {
        var mail = Files.Render("password-changed", "it", new Dictionary<string, string> { ["name"] = "{{changedAt}} <b>", ["changedAt"] = "22/11/2026" });

        mail.Body.ShouldStartWith("Gentile {{changedAt}} <b>,");
    }

    [Theory]
    [InlineData("en-GB", "en")]
    [InlineData("EN", "en")]
    [InlineData("it-IT", "it")]
    [InlineData("fr", "it")]
    [InlineData("", "it")]
    [InlineData("../x", "it")]
    public void the_language_falls_back_to_italian(string asked, string used)
    {
        Files.LanguageFor("confirm-email", asked).ShouldBe(used);
    }

    [Theory]
    [InlineData("no-such-template")]
    [InlineData("../appsettings")]
    [InlineData("Confirm-Email")]
    public void an_unknown_or_unsafe_template_name_is_a_clear_error(string name)
    {
        Should.Throw<MailTemplateException>(() => Files.Render(name, "it", EmailApps.ConfirmValues())).Message.ShouldContain(name);
    }

    private static string TemplateFolder()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Tunda.sln")))
        {
            directory = directory.Parent;
        }

        return Path.Combine(directory?.FullName ?? throw new InvalidOperationException("Tunda.sln not found above the test output."), "src", "Tunda.Web", "Templates", "Mail");
    }
}
