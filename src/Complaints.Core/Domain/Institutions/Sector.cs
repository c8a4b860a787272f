namespace Complaints.Core.Domain.Institutions;

/// <summary>Financial-services sectors supervised by the regulator. Stored as strings.</summary>
public enum Sector
{
    Banking,
    CapitalMarket,
    LifeInsurance,
    GeneralInsurance,
    PensionFund,
    Financing,
    FintechLending,
    Pawnshop,
    Microfinance,
    Guarantee,
    DigitalFinancialInnovation,
    Other,
}
