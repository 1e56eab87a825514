using System.Security.Cryptography;
using Tunda.Domain.Tickets;

namespace Tunda.Domain.Tests.Tickets;

public sealed class TicketNumberTests
{
    [Fact]
    public void numbers_use_only_characters_that_cannot_be_mistaken()
    {
        for (var i = 0; i < 1_000; i++)
        {
            var number = TicketNumber.From(RandomNumberGenerator.GetBytes(TicketNumber.Length));

            number.ShouldMatch("^TND-[23456789ABCDEFGHJKMNPQRSTVWXYZ]{5}$");
            TicketNumber.Parse(number).ShouldBe(number);
        }
    }

    [Fact]
    public void a_number_is_read_in_any_case_and_anything_else_is_not_a_number()
    {
        TicketNumber.Parse(" tnd-7k3qx ").ShouldBe("TND-7K3QX");
        TicketNumber.Parse("TND-7K3Q").ShouldBeNull();
        TicketNumber.Parse("TND-0K3QX").ShouldBeNull();
        TicketNumber.Parse("XYZ-7K3QX").ShouldBeNull();
        TicketNumber.Parse(null).ShouldBeNull();
    }

    [Fact]
    public void a_subject_shows_its_number_once_and_bracketed_numbers_are_found()
    {
        TicketNumber.Tag("TND-7K3QX", "Sito giù").ShouldBe("[TND-7K3QX] Sito giù");
        TicketNumber.Tag("TND-7K3QX", "Re: [tnd-7k3qx] Sito giù").ShouldBe("Re: [tnd-7k3qx] Sito giù");
        TicketNumber.InSubject("Re: [TND-7K3QX] e [TND-ABCDE] e TND-HHHHH e [TND-7k3qx]").ShouldBe(["TND-7K3QX", "TND-ABCDE"]);
        TicketNumber.InSubject(null).ShouldBeEmpty();
    }
}
