namespace Tunda.Mail.Tests.Parsing;

public sealed class DateHeaderTests
{
    [Theory]
    [InlineData("Thu, 03 Dec 2026 10:15:30 +0100", "2026-12-03T10:15:30+01:00")]
    [InlineData("03 Dec 2026 10:15:30 +0100", "2026-12-03T10:15:30+01:00")]
    [InlineData("Mon, 3 Dec 26 10:15 +0100 (CET)", "2026-12-03T10:15:00+01:00")]
    [InlineData("Thu,  3  Dec  2026  10:15:30  GMT", "2026-12-03T10:15:30+00:00")]
    [InlineData("3 Dec 2026 10:15:30 EST", "2026-12-03T10:15:30-05:00")]
    [InlineData("3 dec 1999 10:15:30 UT", "1999-12-03T10:15:30+00:00")]
    [InlineData("3 December 99 10:15:30 CET", "1999-12-03T10:15:30+01:00")]
    [InlineData("Thu Dec  3 10:15:30 2026", "2026-12-03T10:15:30+00:00")]
    [InlineData("2026-12-03T10:15:30+01:00", "2026-12-03T10:15:30+01:00")]
    [InlineData("2026-12-03 10:15:30", "2026-12-03T10:15:30+00:00")]
    [InlineData("3-Dec-2026 10:15:30 +01:00", "2026-12-03T10:15:30+01:00")]
    [InlineData("Thu, 3 Dec 2026 10:15:30 GMT+0100", "2026-12-03T10:15:30+01:00")]
    [InlineData("Thu, 3 Dec 2026 10:15:30 UTC-05:00", "2026-12-03T10:15:30-05:00")]
    public void common_broken_dates_are_read(string value, string expected)
    {
        var message = Parse.Message($"Date: {value}\n\nx");

        message.DateFromHeader.ShouldBeTrue();
        message.Date.ShouldBe(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("yesterday")]
    [InlineData("gio, 3 dic 2026 10:15:30 +0100")]
    [InlineData("31 Feb 2026 10:00:00 +0000")]
    [InlineData("Thu, 03 Dec 2026 25:99:99 +9999")]
    [InlineData("")]
    public void unreadable_dates_fall_back_to_the_arrival_time(string value)
    {
        var message = Parse.Message($"Date: {value}\n\nx");

        message.DateFromHeader.ShouldBeFalse();
        message.Date.ShouldBe(Parse.ArrivedAt);
    }
}
