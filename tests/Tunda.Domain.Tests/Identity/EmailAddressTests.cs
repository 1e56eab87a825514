using Tunda.Domain.Identity;

namespace Tunda.Domain.Tests.Identity;

public sealed class EmailAddressTests
{
    [Fact]
    public void an_idn_domain_equals_its_punycode_form_ignoring_case()
    {
        var unicode = EmailAddress.Parse("  Mario@Caffè.it ").Value!;
        var ascii = EmailAddress.Parse("mario@xn--caff-8oa.it").Value!;

        unicode.ShouldBe(ascii);
        unicode.Value.ShouldBe("mario@xn--caff-8oa.it");
        unicode.Display.ShouldBe("Mario@Caffè.it");
    }

    [Fact]
    public void the_local_part_and_domain_are_lower_cased()
    {
        var email = EmailAddress.Parse("Mario.Rossi+Fatture@Example.IT").Value!;

        email.Value.ShouldBe("mario.rossi+fatture@example.it");
        email.LocalPart.ShouldBe("mario.rossi+fatture");
        email.Domain.ShouldBe("example.it");
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("mario.example.it")]
    [InlineData("@example.it")]
    [InlineData("mario@")]
    [InlineData("mario rossi@example.it")]
    [InlineData("mario@exa mple.it")]
    [InlineData("mario@localhost")]
    [InlineData("mario..rossi@example.it")]
    [InlineData(".mario@example.it")]
    [InlineData("mario@-example.it")]
    [InlineData("mario@example..it")]
    [InlineData("mario<script>@example.it")]
    public void garbage_is_refused_with_a_code_not_an_exception(string input)
    {
        var result = EmailAddress.Parse(input);

        result.IsValid.ShouldBeFalse();
        result.Error!.Code.ShouldBe("email.invalid");
    }

    [Fact]
    public void null_is_refused()
    {
        EmailAddress.Parse(null).Error!.Code.ShouldBe("email.invalid");
    }

    [Fact]
    public void an_address_longer_than_254_characters_is_refused()
    {
        var domain = string.Join('.', Enumerable.Repeat(new string('a', 60), 4)) + ".it";
        var result = EmailAddress.Parse($"{new string('m', 10)}@{domain}");

        result.IsValid.ShouldBeFalse();
        result.Error!.Message.ShouldContain("254");
    }

    [Fact]
    public void normalise_gives_the_comparison_form_or_null()
    {
        EmailAddress.Normalise("Info@Città.IT").ShouldBe("info@xn--citt-3na.it");
        EmailAddress.Normalise("not an address").ShouldBeNull();
    }
}
