using Complaints.Web.Setup;

var builder = WebApplication.CreateBuilder(args);

builder.AddDatabase();
builder.AddCoreServices();
builder.AddLocalizationFromJson();
builder.AddWebPortals();
builder.AddPublicApi();
builder.AddSecurity();
builder.AddAccounts();
builder.AddHealth();
builder.AddNotifications();
builder.AddWhatsApp();
builder.AddJobs();

var app = builder.Build();

if (await app.RunCommandAsync(args))
{
    return;
}

await app.PrepareDatabaseAsync();

app.UseErrorHandling();
app.UseSecurity();
app.UseStaticFiles();
app.UseRequestLocalization();
app.UseRouting();
app.UseAccounts();
app.UseRateLimiter();
app.UseAntiforgery();
app.MapHealth();
app.MapPublicApi();
app.MapPortals();
app.MapWhatsApp();

await app.RunAsync();

/// <summary>Entry point, visible to the test hosts.</summary>
public partial class Program;
