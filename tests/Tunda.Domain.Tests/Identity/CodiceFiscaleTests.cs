using Tunda.Domain.Identity;

namespace Tunda.Domain.Tests.Identity;

// The codes below were computed for these tests by hand from the official algorithm (check letter
// over odd/even positions; omocodia substitutes L M N P Q R S T U V for 0-9 from the right).
public sealed class CodiceFiscaleTests
{
    [Theory]
    [InlineData("RSSMRA85T10A562S")]
    [InlineData("BNCGLI90A41H501E")]
    [InlineData("VRDLCU72E15F205F")]
    public void a_personal_code_with_the_right_check_letter_is_accepted(string code)
    {
        CodiceFiscale.Parse(code).Value!.Value.ShouldBe(code);
    }

    [Theory]
    [InlineData("RSSMRA85T10A56NH")]
    [InlineData("RSSMRA85T10ARSNO")]
    [InlineData("RSSMRAURTMLARSNL")]
    [InlineData("BNCGLI90A41H50MW")]
    [InlineData("BNCGLIVLAQMHRLMG")]
    [InlineData("VRDLCUTNEMRFNLRO")]
    public void an_omocodia_code_with_letters_in_numeric_positions_is_accepted(string code)
    {
        CodiceFiscale.Parse(code).IsValid.ShouldBeTrue();
    }

    [Fact]
    public void input_is_trimmed_and_upper_cased()
    {
        CodiceFiscale.Parse(" rssmra85t10a562s ").Value!.Value.ShouldBe("RSSMRA85T10A562S");
    }

    [Theory]
    [InlineData("RSSMRA85T10A562T", "check character")]
    [InlineData("RSSMRA85T10A56NS", "check character")]
    [InlineData("RSSMRA85T10A562", "16 characters")]
    [InlineData("RSSMRA85T10A562SX", "16 characters")]
    [InlineData("RSSMRA85T10A5W2S", "expected places")]
    [InlineData("RSSMRA85X10A562S", "month or day")]
    [InlineData("RSSMRA85T35A562S", "month or day")]
    [InlineData("RSSMRA85T00A562S", "month or day")]
    [InlineData("", "16 characters")]
    public void a_malformed_personal_code_is_refused_with_the_reason(string code, string reason)
    {
        var result = CodiceFiscale.Parse(code);

        result.Error!.Code.ShouldBe("codice_fiscale.invalid");
        result.Error.Message.ShouldContain(reason);
    }

    [Fact]
    public void a_company_code_of_eleven_digits_uses_the_partita_iva_check()
    {
        CodiceFiscale.Parse("01234567897").Value!.IsNumeric.ShouldBeTrue();
        CodiceFiscale.Parse("01234567890").Error!.Code.ShouldBe("codice_fiscale.invalid");
    }
}
