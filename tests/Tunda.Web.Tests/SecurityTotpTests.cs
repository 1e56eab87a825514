using System.Text;
using Tunda.Web.Security.TwoFactor;

namespace Tunda.Web.Tests;

public sealed class SecurityTotpTests
{
    private static readonly byte[] RfcSeed = Encoding.ASCII.GetBytes("12345678901234567890");

    private static readonly string RfcSecret = OtpNet.Base32Encoding.ToString(RfcSeed);

    /// <summary>RFC 6238 appendix B (SHA-1): a six-digit code is the last six digits of the eight-digit one.</summary>
    [Theory]
    [InlineData(59L, "94287082")]
    [InlineData(1111111109L, "07081804")]
    [InlineData(1111111111L, "14050471")]
    [InlineData(1234567890L, "89005924")]
    [InlineData(2000000000L, "69279037")]
    [InlineData(20000000000L, "65353130")]
    public void the_rfc_6238_sha1_test_vectors_are_accepted_at_their_step(long unixSeconds, string expected)
    {
        var time = DateTimeOffset.FromUnixTimeSeconds(unixSeconds);

        Totp.Match(RfcSecret, expected[^6..], time).ShouldBe(unixSeconds / Totp.StepSeconds);
        Totp.Match(RfcSecret, expected[^6..], time.AddMinutes(5)).ShouldBeNull();
    }

    [Fact]
    public void a_code_is_accepted_one_step_either_side_of_now_and_not_two()
    {
        var now = DateTimeOffset.FromUnixTimeSeconds(1111111111);
        var step = now.ToUnixTimeSeconds() / Totp.StepSeconds;
        string CodeAt(long offset) => AuthenticatorApp.CodeAt(RfcSecret, now.AddSeconds(offset * Totp.StepSeconds));

        Totp.Match(RfcSecret, CodeAt(-1), now).ShouldBe(step - 1);
        Totp.Match(RfcSecret, CodeAt(0), now).ShouldBe(step);
        Totp.Match(RfcSecret, CodeAt(+1), now).ShouldBe(step + 1);
        Totp.Match(RfcSecret, CodeAt(-2), now).ShouldBeNull();
        Totp.Match(RfcSecret, CodeAt(+2), now).ShouldBeNull();
        Totp.Match(RfcSecret, CodeAt(0)[..3] + " " + CodeAt(0)[3..], now).ShouldBe(step);
        Totp.Match(RfcSecret, "12345", now).ShouldBeNull();
        Totp.Match(RfcSecret, "abcdef", now).ShouldBeNull();
        Totp.Match(RfcSecret, null, now).ShouldBeNull();
        Totp.Match("not base32!", CodeAt(0), now).ShouldBeNull();
    }

    [Fact]
    public void a_new_secret_is_160_random_bits_in_unpadded_base32()
    {
        var secret = Totp.NewSecret();

        secret.ShouldMatch("^[A-Z2-7]{32}$");
        OtpNet.Base32Encoding.ToBytes(secret).Length.ShouldBe(20);
        Totp.NewSecret().ShouldNotBe(secret);
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
