using QRCoder;

namespace Tunda.Web.Security.TwoFactor;

/// <summary>What an enrolment page shows: the secret to type, the otpauth:// URI and its QR code.</summary>
public sealed record TotpEnrolment(string Secret, string Uri, string QrCodeDataUri)
{
    public const string Issuer = "Tunda";

    public static TotpEnrolment For(string email, string secret)
    {
        var label = System.Uri.EscapeDataString($"{Issuer}:{email}");
        var uri = $"otpauth://totp/{label}?secret={secret}&issuer={System.Uri.EscapeDataString(Issuer)}&algorithm=SHA1&digits={Totp.Digits}&period={Totp.StepSeconds}";
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(uri, QRCodeGenerator.ECCLevel.M);
        var png = new PngByteQRCode(data).GetGraphic(6);
        return new TotpEnrolment(secret, uri, $"data:image/png;base64,{Convert.ToBase64String(png)}");
    }
}
