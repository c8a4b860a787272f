using Complaints.IntegrationTests.Infrastructure;

[assembly: AssemblyFixture(typeof(SharedApps))]
