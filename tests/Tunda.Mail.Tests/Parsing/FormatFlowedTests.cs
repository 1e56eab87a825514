using Tunda.Mail.Parsing;

namespace Tunda.Mail.Tests.Parsing;

public sealed class FormatFlowedTests
{
    [Fact]
    public void soft_breaks_are_joined_and_hard_breaks_kept()
    {
        FormatFlowed.Join("Questa riga \ncontinua qui.\nNuova riga.\n-- \nFirma\n", delSp: false)
            .ShouldBe("Questa riga continua qui.\nNuova riga.\n-- \nFirma\n");
    }

    [Fact]
    public void delsp_removes_the_space_that_marked_the_soft_break()
    {
        FormatFlowed.Join("paro \nla", delSp: true).ShouldBe("parola");
    }

    [Fact]
    public void quoted_paragraphs_join_within_their_depth_and_stuffing_is_undone()
    {
        FormatFlowed.Join("> citata \n> ancora\n  From stuffed\nfine", delSp: false).ShouldBe("> citata ancora\n From stuffed\nfine");
    }

    [Fact]
    public void flowed_text_bodies_are_joined()
    {
        Parse.Message("Content-Type: text/plain; format=flowed; delsp=yes\n\nuna lun \nga riga\n").TextBody.ShouldBe("una lunga riga\n");
    }
}
