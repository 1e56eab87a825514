using Tunda.Domain.Identity;

namespace Tunda.Domain.Tests.Identity;

public sealed class VatNumberTests
{
    [Theory]
    [InlineData("01234567897", "01234567897")]
    [InlineData("IT12345678903", "12345678903")]
    [InlineData(" 001 122 334 40 ", "00112233440")]
    [InlineData("80000000002", "80000000002")]
    public void a_partita_iva_with_the_right_check_digit_is_accepted(string input, string expected)
    {
        PartitaIva.Parse(input).Value!.Value.ShouldBe(expected);
    }

    [Theory]
    [InlineData("01234567890")]
    [InlineData("0123456789")]
    [InlineData("012345678970")]
    [InlineData("00000000000")]
    [InlineData("0123456789A")]
    [InlineData(null)]
    public void a_wrong_partita_iva_is_refused(string? input)
    {
        PartitaIva.Parse(input).Error!.Code.ShouldBe("partita_iva.invalid");
    }

    [Theory]
    [InlineData("AT", "ATU12345678", "ATU12345678")]
    [InlineData("DE", "123456789", "DE123456789")]
    [InlineData("DE", "de 123 456 789", "DE123456789")]
    [InlineData("FR", "FRXX123456789", "FRXX123456789")]
    [InlineData("NL", "NL123456789B01", "NL123456789B01")]
    [InlineData("ES", "B12345678", "ESB12345678")]
    [InlineData("ES", "12345678Z", "ES12345678Z")]
    [InlineData("IE", "1234567WA", "IE1234567WA")]
    [InlineData("SE", "123456789001", "SE123456789001")]
    [InlineData("GR", "123456789", "EL123456789")]
    [InlineData("EL", "EL123456789", "EL123456789")]
    [InlineData("GR", "GR123456789", "EL123456789")]
    [InlineData("BE", "0123456789", "BE0123456789")]
    [InlineData("CY", "12345678L", "CY12345678L")]
    [InlineData("LT", "123456789012", "LT123456789012")]
    [InlineData("IT", "IT01234567897", "IT01234567897")]
    public void an_eu_vat_number_in_its_country_format_is_accepted_with_the_prefix(string country, string input, string expected)
    {
        EuVatNumber.Parse(country, input).Value!.Value.ShouldBe(expected);
    }

    [Theory]
    [InlineData("DE", "12345678")]
    [InlineData("AT", "12345678")]
    [InlineData("NL", "123456789C01")]
    [InlineData("BE", "2123456789")]
    [InlineData("SE", "123456789002")]
    [InlineData("FR", "FR12345678")]
    [InlineData("DE", "FR123456789")]
    public void a_number_not_in_the_country_format_is_refused(string country, string input)
    {
        EuVatNumber.Parse(country, input).Error!.Code.ShouldBe("vat_number.invalid");
    }

    [Fact]
    public void an_italian_number_is_checked_as_a_partita_iva()
    {
        EuVatNumber.Parse("IT", "01234567890").Error!.Code.ShouldBe("partita_iva.invalid");
    }

    [Theory]
    [InlineData("CH")]
    [InlineData("GB")]
    [InlineData("US")]
    public void a_country_outside_the_eu_is_refused(string country)
    {
        EuVatNumber.IsEuCountry(country).ShouldBeFalse();
        EuVatNumber.Parse(country, "123456789").Error!.Code.ShouldBe("vat_number.not_eu");
    }

    [Fact]
    public void all_twenty_seven_member_states_are_known()
    {
        string[] members = ["AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "GR", "ES", "FI", "FR", "HR", "HU", "IE", "IT", "LT", "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK"];

        members.Length.ShouldBe(27);
        members.ShouldAllBe(code => EuVatNumber.IsEuCountry(code));
    }
}
