using Oversight.Searches.Reasons;

namespace Oversight.Tests.Searches.Reasons;

public sealed class CaseNumbersTests
{
    [Theory]
    [InlineData("Investigation, 2510494", "2510494")]
    [InlineData("stolen vehicle case 25-01234", "25-01234")]
    [InlineData("Case #EPD25-9981", "epd25-9981")]
    [InlineData("burglary 25\u201312345", "25-12345")]
    [InlineData("report: 2025-0042", "2025-0042")]
    public void InReason_CaseNumber_IsFound(string reason, string number) => Assert.Equal(number, CaseNumbers.InReason(reason));

    [Theory]
    [InlineData("investigation")]
    [InlineData("Stolen Vehicle E287021")]
    [InlineData("589HPM")]
    [InlineData("Theft 1")]
    [InlineData("call 541-555-1234")]
    [InlineData("Alert - 2025-08-01T13:05:47.234Z")]
    public void InReason_NoCaseNumber_IsNull(string reason) => Assert.Null(CaseNumbers.InReason(reason));
}
