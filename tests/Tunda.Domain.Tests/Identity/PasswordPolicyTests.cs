using Tunda.Domain.Identity;

namespace Tunda.Domain.Tests.Identity;

public sealed class PasswordPolicyTests
{
    private static readonly PasswordPolicy Policy = PasswordPolicy.Default;

    private static IEnumerable<string> Codes(string password, string email = "mario.rossi@example.it", params string[] names) =>
        Policy.Check(password, email, names).Select(e => e.Code);

    [Fact]
    public void a_long_password_with_a_special_character_and_nothing_personal_passes()
    {
        Policy.Check("Tramonto-sul-Po-42", "mario.rossi@example.it", "Mario", "Rossi").ShouldBeEmpty();
    }

    [Fact]
    public void every_broken_rule_is_reported_at_once()
    {
        Codes("rossi", "mario@example.it", "Mario", "Rossi").ShouldBe(["password.too_short", "password.no_special_character", "password.contains_personal_data"], ignoreOrder: true);
    }

    [Fact]
    public void a_password_shorter_than_the_minimum_is_too_short()
    {
        Codes("Ab1!ab1!a").ShouldBe(["password.too_short"]);
        Codes("Ab1!ab1!ab").ShouldBeEmpty();
    }

    [Fact]
    public void letters_and_digits_only_lack_a_special_character()
    {
        Codes("Tramontosulpo42").ShouldBe(["password.no_special_character"]);
    }

    [Fact]
    public void the_special_character_rule_can_be_switched_off()
    {
        new PasswordPolicy { RequireSpecialCharacter = false }.Check("Tramontosulpo42", "a@b.it").ShouldBeEmpty();
    }

    [Fact]
    public void a_maximum_below_128_is_raised_to_128()
    {
        var policy = new PasswordPolicy { MaxLength = 20 };

        policy.MaxLength.ShouldBe(128);
        policy.Check(new string('x', 127) + "!", "a@b.it").ShouldBeEmpty();
        policy.Check(new string('x', 128) + "!", "a@b.it").Select(e => e.Code).ShouldBe(["password.too_long"]);
    }

    [Fact]
    public void a_larger_maximum_is_kept()
    {
        new PasswordPolicy { MaxLength = 256 }.Check(new string('x', 200) + "!", "a@b.it").ShouldBeEmpty();
    }

    [Theory]
    [InlineData("MARIO.ROSSI-2026!")]
    [InlineData("io-sono-Mario!")]
    [InlineData("xx-ROSSI-xx-123")]
    public void a_password_containing_the_email_local_part_or_a_name_is_refused_ignoring_case(string password)
    {
        Codes(password, "mario.rossi@example.it", "Mario", "Rossi").ShouldContain("password.contains_personal_data");
    }

    [Fact]
    public void name_parts_shorter_than_three_letters_are_not_checked()
    {
        Codes("Tramonto-li-42", "x@example.it", "Li", "Wu").ShouldBeEmpty();
    }

    [Fact]
    public void every_word_of_a_compound_name_is_checked()
    {
        Codes("grazia-del-mare-42", "x@example.it", "Maria Grazia", "Del Mare").ShouldContain("password.contains_personal_data");
    }

    [Theory]
    [InlineData("password123!")]
    [InlineData("PASSWORD123!")]
    [InlineData("Juventus1897")]
    [InlineData("ciao1234")]
    [InlineData("qwertyuiop")]
    [InlineData("forzanapoli123!")]
    public void a_common_password_is_refused_ignoring_case(string password)
    {
        Codes(password, "x@example.it").ShouldContain("password.common");
    }

    [Fact]
    public void the_shipped_list_holds_several_hundred_lower_case_entries()
    {
        CommonPasswords.Default.Count.ShouldBeGreaterThan(500);
        CommonPasswords.Default.ShouldContain("juventus");
        CommonPasswords.Default.ShouldAllBe(p => p == p.ToLowerInvariant());
    }

    [Fact]
    public void every_error_names_the_password_field()
    {
        Policy.Check("", null).ShouldAllBe(e => e.Field == "password");
    }
}
