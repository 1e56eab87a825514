using System.Globalization;
using Tunda.Domain;
using Tunda.Web.Platform.Api;
using Tunda.Web.Platform.Localisation;

namespace Tunda.Web.Tests;

public sealed class PlatformTextsTests
{
    private static readonly CultureInfo Italian = CultureInfo.GetCultureInfo("it");
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en");

    [Fact]
    public void italian_and_english_catalogues_have_exactly_the_same_keys()
    {
        var catalogue = TextCatalogue.LoadEmbedded();
        var italian = catalogue.Entries("it").Keys.ToHashSet();
        var english = catalogue.Entries("en").Keys.ToHashSet();

        italian.Except(english).Order().ShouldBeEmpty("keys in it.json missing from en.json");
        english.Except(italian).Order().ShouldBeEmpty("keys in en.json missing from it.json");
        catalogue.Entries("it").Where(entry => string.IsNullOrWhiteSpace(entry.Value)).ShouldBeEmpty();
        catalogue.Entries("en").Where(entry => string.IsNullOrWhiteSpace(entry.Value)).ShouldBeEmpty();
    }

    [Fact]
    public void password_rule_texts_show_the_configured_lengths_in_both_languages()
    {
        var texts = new Texts(TextCatalogue.LoadEmbedded());
        var policy = new Tunda.Domain.Identity.PasswordPolicy { MinLength = 14 };
        var errors = policy.Check("short", "mario@example.it").Concat(policy.Check(new string('x', 200) + "!", null)).ToList();

        texts.Error(errors.Single(e => e.Code == "password.too_short"), Italian).ShouldBe("La password deve avere almeno 14 caratteri.");
        texts.Error(errors.Single(e => e.Code == "password.too_short"), English).ShouldBe("The password needs at least 14 characters.");
        texts.Error(errors.Single(e => e.Code == "password.too_long"), Italian).ShouldBe("La password può avere al massimo 128 caratteri.");
    }

    [Fact]
    public void a_key_missing_in_english_falls_back_to_italian_then_to_the_key_itself()
    {
        var texts = new Texts(new TextCatalogue(new Dictionary<string, IReadOnlyDictionary<string, string>>
        {
            ["it"] = new Dictionary<string, string> { ["only.italian"] = "Solo italiano", ["both"] = "Entrambi" },
            ["en"] = new Dictionary<string, string> { ["both"] = "Both" },
        }));

        texts.In(English, "both").ShouldBe("Both");
        texts.In(English, "only.italian").ShouldBe("Solo italiano");
        texts.In(English, "nowhere").ShouldBe("nowhere");
        texts.In(CultureInfo.GetCultureInfo("en-GB"), "both").ShouldBe("Both");
        texts.In(CultureInfo.GetCultureInfo("de"), "both").ShouldBe("Entrambi");
    }

    [Fact]
    public void format_arguments_are_formatted_in_the_texts_language()
    {
        var texts = new Texts(TextCatalogue.LoadEmbedded());

        texts.In(Italian, "validation.maxLength", "E-mail", 254).ShouldBe("Il campo E-mail può contenere al massimo 254 caratteri.");
        texts.In(English, "nav.signedInAs", "mario@example.it").ShouldBe("Signed in as mario@example.it");
    }

    [Fact]
    public void a_domain_error_is_told_in_the_catalogue_language_or_else_with_its_own_message()
    {
        var texts = new Texts(TextCatalogue.LoadEmbedded());
        var known = DomainError.Conflict("Stream moved on");
        var unknown = new DomainError("customer.legal_field_immutable", "Legal fields cannot change.");

        texts.Error(known, Italian).ShouldBe("Qualcun altro ha modificato questi dati nel frattempo. Ricarica e riprova.");
        texts.Error(known, English).ShouldBe("Someone else changed this data in the meantime. Reload and try again.");
        texts.Error(unknown, English).ShouldBe("Legal fields cannot change.");
    }

    [Theory]
    [InlineData("customer.not_found", 404)]
    [InlineData("contact.forbidden", 403)]
    [InlineData("permission.missing", 403)]
    [InlineData("contact.permission.escalation", 403)]
    [InlineData("concurrency.conflict", 409)]
    [InlineData("customer.email_taken", 422)]
    [InlineData("not_found_but_not_last", 422)]
    public void domain_error_codes_map_to_http_statuses(string code, int status)
    {
        ApiResults.StatusFor(code).ShouldBe(status);
    }

    [Theory]
    [InlineData("/", true)]
    [InlineData("/servizi?filtro=attivi", true)]
    [InlineData("//evil.example/", false)]
    [InlineData("/\\evil.example", false)]
    [InlineData("https://evil.example/", false)]
    [InlineData("javascript:alert(1)", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void only_paths_on_this_site_count_as_local(string? url, bool local)
    {
        LocalUrl.IsLocal(url).ShouldBe(local);
    }
}
