using System.Text;
using Tunda.Web.Security.TwoFactor;

namespace Tunda.Web.Tests;

public sealed class SecurityTotpTests
{
    private static readonly byte[] RfcSeed = Encoding.ASCII.GetBytes("12345678901234567890");

    [Theory]
    [InlineData(59L, "94287082")]
    [InlineData(1111111109L, "07081804")]
    [InlineData(1111111111L, "14050471")]
    [InlineData(1234567890L, "89005924")]
    [InlineData(2000000000L, "69279037")]
    [InlineData(20000000000L, "65353130")]
    public void codes_match_the_rfc_6238_sha1_test_vectors(long unixSeconds, string expected)
    {
        var step = Totp.StepAt(DateTimeOffset.FromUnixTimeSeconds(unixSeconds));

        Totp.Code(RfcSeed, step, digits: 8).ShouldBe(expected);
    }

    [Fact]
    public void a_code_is_accepted_one_step_either_side_of_now_and_not_two()
    {
        var secret = Base32.Encode(RfcSeed);
        var now = DateTimeOffset.FromUnixTimeSeconds(1111111111);
        var step = Totp.StepAt(now);

        Totp.Match(secret, Totp.Code(RfcSeed, step - 1), now).ShouldBe(step - 1);
        Totp.Match(secret, Totp.Code(RfcSeed, step), now).ShouldBe(step);
        Totp.Match(secret, Totp.Code(RfcSeed, step + 1), now).ShouldBe(step + 1);
        Totp.Match(secret, Totp.Code(RfcSeed, step - 2), now).ShouldBeNull();
        Totp.Match(secret, "12345", now).ShouldBeNull();
        Totp.Match(secret, "abcdef", now).ShouldBeNull();
    }

    [Fact]
    public void base32_round_trips_and_matches_rfc_4648()
    {
        Base32.Encode("foobar"u8).ShouldBe("MZXW6YTBOI");
        Encoding.ASCII.GetString(Base32.Decode("mzxw6ytboi======")!).ShouldBe("foobar");
        Base32.Decode("not base32!").ShouldBeNull();
        var secret = Totp.NewSecret();
        secret.Length.ShouldBe(32);
        Base32.Decode(secret)!.Length.ShouldBe(20);
    }

    [Fact]
    public void enrolment_gives_an_otpauth_uri_and_a_png_qr_code()
    {
        var enrolment = TotpEnrolment.For("mario@rossi.it", "JBSWY3DPEHPK3PXP");

        enrolment.Uri.ShouldBe("otpauth://totp/Tunda%3Amario%40rossi.it?secret=JBSWY3DPEHPK3PXP&issuer=Tunda&algorithm=SHA1&digits=6&period=30");
        enrolment.QrCodeDataUri.ShouldStartWith("data:image/png;base64,");
        var png = Convert.FromBase64String(enrolment.QrCodeDataUri["data:image/png;base64,".Length..]);
        png[1..4].ShouldBe("PNG"u8.ToArray());
    }

    [Fact]
    public void recovery_codes_are_ten_distinct_codes_whose_hash_ignores_case_and_hyphens()
    {
        var codes = RecoveryCodes.Generate();

        codes.Count.ShouldBe(10);
        codes.Distinct().Count().ShouldBe(10);
        codes[0].ShouldMatch("^[A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4}$");
        RecoveryCodes.Hash(codes[0].ToLowerInvariant().Replace("-", " ", StringComparison.Ordinal)).ShouldBe(RecoveryCodes.Hash(codes[0]));
    }
}
