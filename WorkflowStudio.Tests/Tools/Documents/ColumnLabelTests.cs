using WorkflowStudio.Tools.Documents;

namespace WorkflowStudio.Tests.Tools.Documents;

public sealed class ColumnLabelTests
{
    [Theory]
    [InlineData("target_pct", "Target %")]
    [InlineData("avg_deal", "Avg deal")]
    [InlineData("pct_of_leads", "% of leads")]
    [InlineData("month_name", "Month name")]
    [InlineData("previousRevenue", "Previous revenue")]
    [InlineData("customer-id", "Customer ID")]
    [InlineData("HTTPStatus", "HTTP status")]
    [InlineData("revenue", "Revenue")]
    [InlineData("Q3 revenue (EUR)", "Q3 revenue (EUR)")]
    public void For_DataColumnName_IsAHeaderPeopleRead(string name, string label) => Assert.Equal(label, ColumnLabel.For(name));
}
