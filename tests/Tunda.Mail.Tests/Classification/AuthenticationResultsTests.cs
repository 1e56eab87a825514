using Tunda.Mail.Classification;

namespace Tunda.Mail.Tests.Classification;

public sealed class AuthenticationResultsTests
{
    private static AuthenticationVerdicts? Verdicts(string? trusted, params string[] values) =>
        MailClassifier.Classify(Built.Message([.. values.Select(v => ("Authentication-Results", v))]), new MailClassifierOptions { TrustedAuthServId = trusted }).Authentication;

    [Fact]
    public void our_topmost_header_gives_spf_dkim_and_dmarc()
    {
        var verdicts = Verdicts("mx.tunda.it",
            "mx.tunda.it; spf=pass smtp.mailfrom=example.it; dkim=pass header.d=example.it header.s=sel1; dmarc=pass (p=reject dis=none) header.from=example.it");

        verdicts.ShouldBe(new AuthenticationVerdicts("pass", "pass", "pass"));
        verdicts!.DmarcPassed.ShouldBeTrue();
    }

    [Fact]
    public void a_forged_pass_below_our_header_is_ignored()
    {
        var verdicts = Verdicts("mx.tunda.it",
            "MX.Tunda.IT 1; spf=softfail smtp.mailfrom=bank.example; dmarc=fail header.from=bank.example",
            "mx.tunda.it; spf=pass; dkim=pass; dmarc=pass");

        verdicts.ShouldBe(new AuthenticationVerdicts("softfail", null, "fail"));
        verdicts!.DmarcPassed.ShouldBeFalse();
    }

    [Fact]
    public void a_topmost_header_of_another_server_gives_no_verdicts_even_with_ours_below()
    {
        Verdicts("mx.tunda.it", "evil.example; dmarc=pass", "mx.tunda.it; dmarc=fail").ShouldBeNull();
    }

    [Fact]
    public void without_a_trusted_id_configured_nothing_is_believed()
    {
        Verdicts(null, "mx.tunda.it; dmarc=pass").ShouldBeNull();
    }

    [Fact]
    public void no_header_gives_no_verdicts()
    {
        Verdicts("mx.tunda.it").ShouldBeNull();
    }

    [Fact]
    public void comments_versions_and_spaces_around_equals_are_tolerated_and_the_first_result_of_a_method_wins()
    {
        var verdicts = Verdicts("mx.tunda.it",
            "(our MTA) mx.tunda.it (amavis; dmarc=pass); dkim/1 = FAIL (bad signature; dkim=pass) header.i=@example.it; dkim=pass header.d=other.example; spf=neutral (\"quoted; text\") smtp.mailfrom=\"a;b\"@example.it");

        verdicts.ShouldBe(new AuthenticationVerdicts("neutral", "fail", null));
    }

    [Fact]
    public void a_header_saying_none_gives_empty_verdicts()
    {
        Verdicts("mx.tunda.it", "mx.tunda.it; none").ShouldBe(new AuthenticationVerdicts(null, null, null));
    }
}
