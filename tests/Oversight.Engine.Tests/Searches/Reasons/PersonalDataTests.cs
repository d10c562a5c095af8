using Oversight.Searches.Reasons;

namespace Oversight.Tests.Searches.Reasons;

public sealed class PersonalDataTests
{
    private static readonly DateTimeOffset At = new(2025, 8, 1, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("589hpm")]
    [InlineData("Other image search from alerts page associated with Alert: INVESTIGATION 391NCQ - 2025-06-18T19:17:43.792Z")]
    [InlineData("Stolen Vehicle E287021")]
    [InlineData("41HP587")]
    [InlineData("ZKB670 seen")]
    [InlineData("plate AB12")]
    [InlineData("lic# 7xyz")]
    public void Find_Plate_IsFound(string reason) => Assert.Equal(PiiKinds.Plate, PersonalData.Find(reason, At));

    [Theory]
    [InlineData("ST2")]
    [InlineData("Feld9ony Person Crime")]
    [InlineData("Theft 1")]
    [InlineData("Investigation, 2510494")]
    [InlineData("case 25-12345")]
    [InlineData("the 123rd street burglary")]
    [InlineData("Other image search from alerts page associated with Alert: Stolen Vehicle MIMSY - 2025-08-22T04:59:53.198Z")]
    [InlineData("Hwy99 crash")]
    public void Find_NoPlate_IsNotFound(string reason) => Assert.Equal(PiiKinds.None, PersonalData.Find(reason, At) & PiiKinds.Plate);

    [Theory]
    [InlineData("suspect dob 4/12/1990")]
    [InlineData("DOB: 1990-04-12")]
    [InlineData("missing person born 04-12-88")]
    [InlineData("wanted subject 4/12/1971")]
    public void Find_DateOfBirth_IsFound(string reason) => Assert.Equal(PiiKinds.DateOfBirth, PersonalData.Find(reason, At) & PiiKinds.DateOfBirth);

    [Theory]
    [InlineData("burglary on 7/28/2025")]
    [InlineData("Alert 2025-06-18T19:17:43.792Z")]
    [InlineData("case 25-12345")]
    public void Find_RecentDate_IsNoDateOfBirth(string reason) => Assert.Equal(PiiKinds.None, PersonalData.Find(reason, At) & PiiKinds.DateOfBirth);
}
