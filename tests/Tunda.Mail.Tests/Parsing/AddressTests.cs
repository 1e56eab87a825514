using Tunda.Mail.Parsing;

namespace Tunda.Mail.Tests.Parsing;

public sealed class AddressTests
{
    private static IReadOnlyList<InboundMailbox> From(string value) => Parse.Message($"From: {value}\n\nx").From;

    [Fact]
    public void a_quoted_address_as_display_name_stays_a_display_name()
    {
        var from = From("\"support@tunda.it\" <x@evil.example>").Single();

        from.Address.ShouldBe("x@evil.example");
        from.DisplayName.ShouldBe("support@tunda.it");
        from.NormalizedAddress.ShouldBe("x@evil.example");
    }

    [Theory]
    [InlineData("support@tunda.it <x@evil.example>")]
    [InlineData("=?utf-8?q?support=40tunda.it?= <x@evil.example>")]
    [InlineData("\"support@tunda.it\" (support@tunda.it) <x@evil.example> (support@tunda.it)")]
    public void whatever_the_display_name_says_the_address_is_the_angle_address(string value)
    {
        var from = From(value).Single();

        from.Address.ShouldBe("x@evil.example");
        from.DisplayName.ShouldBe("support@tunda.it");
    }

    [Fact]
    public void an_encoded_word_is_never_decoded_into_the_addr_spec()
    {
        var from = From("=?utf-8?q?support=40tunda.it?=@evil.com").Single();

        from.Address.ShouldBe("=?utf-8?q?support=40tunda.it?=@evil.com");
        from.NormalizedAddress.ShouldNotBe("support@tunda.it");

        From("<=?utf-8?q?support=40tunda.it?=@evil.com>").Single().Address.ShouldStartWith("=?utf-8?q?");
    }

    [Theory]
    [InlineData("=?utf-8?q?Mario_Ross=C3=AC?= <m@example.com>", "Mario Rossì")]
    [InlineData("\"Rossi, Mario \\\"Super\\\"\" <m@example.com>", "Rossi, Mario \"Super\"")]
    [InlineData("m@example.com (Mario Rossi)", "Mario Rossi")]
    [InlineData("Niccolò Rossi <m@example.com>", "Niccolò Rossi")]
    [InlineData("<m@example.com>", null)]
    [InlineData("Mario <@relay.example,@other.example:m@example.com>", "Mario")]
    public void display_names_are_decoded_and_the_address_kept(string value, string? displayName)
    {
        var from = From(value).Single();

        from.Address.ShouldBe("m@example.com");
        from.DisplayName.ShouldBe(displayName);
    }

    [Fact]
    public void groups_name_their_members_and_several_mailboxes_are_kept()
    {
        var message = Parse.Message("From: a@x.example, B <b@y.example>\nTo: Team: c@x.example, \"D, d\" <d@x.example>; e@x.example\nCc: undisclosed-recipients:;\n\nx");

        message.From.Select(m => m.Address).ShouldBe(["a@x.example", "b@y.example"]);
        message.HasAmbiguousAuthor.ShouldBeTrue();
        message.To.Select(m => (m.Address, m.Group)).ShouldBe([("c@x.example", "Team"), ("d@x.example", "Team"), ("e@x.example", null)]);
        message.Cc.ShouldBeEmpty();
    }

    [Fact]
    public void idn_domains_normalise_to_lower_case_punycode_keeping_the_local_part()
    {
        var from = From("Müller <Hans.Müller@Bücher.Example>").Single();

        from.Address.ShouldBe("Hans.Müller@Bücher.Example");
        from.NormalizedAddress.ShouldBe("Hans.Müller@xn--bcher-kva.example");
    }

    [Theory]
    [InlineData("not an address")]
    [InlineData("a@")]
    [InlineData("a b@example.com>")]
    [InlineData("<a@-bad-.example>")]
    public void invalid_addresses_are_kept_without_a_normalized_form(string value)
    {
        var from = From(value);

        from.ShouldNotBeEmpty();
        from.ShouldAllBe(m => m.NormalizedAddress == null);
    }

    [Fact]
    public void a_sender_different_from_the_author_makes_the_author_ambiguous()
    {
        Parse.Message("From: a@x.example\nSender: b@x.example\n\nx").HasAmbiguousAuthor.ShouldBeTrue();
        Parse.Message("From: a@X.example\nSender: a@x.example\n\nx").HasAmbiguousAuthor.ShouldBeFalse();
    }
}
