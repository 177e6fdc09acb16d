using System.Text;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.Tokens;

namespace Alpr.Functions.Access;

public static class AuthenticationSetup
{
    /// <summary>JWT bearer with issuer, audience, lifetime and signature all validated; fails closed when unconfigured.</summary>
    public static IServiceCollection AddAlprAuthentication(this IServiceCollection services, IConfiguration config)
    {
        var auth = config.GetSection("Auth").Get<AuthOptions>() ?? new AuthOptions();
        services.Configure<AuthOptions>(config.GetSection("Auth"));
        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(o =>
        {
            o.MapInboundClaims = false;
            o.TokenValidationParameters = new TokenValidationParameters
            {
                ValidateIssuer = true,
                ValidIssuer = auth.Issuer,
                ValidateAudience = true,
                ValidAudience = auth.Audience,
                ValidateLifetime = true,
                RequireExpirationTime = true,
                RequireSignedTokens = true,
                ValidateIssuerSigningKey = true,
                ClockSkew = TimeSpan.FromMinutes(1),
                NameClaimType = "name",
            };
            if (!string.IsNullOrEmpty(auth.Authority))
            {
                o.Authority = auth.Authority;
            }
            else
            {
                // No key configured: a random one nobody holds, so every token is refused (fail closed).
                byte[] key = string.IsNullOrEmpty(auth.DevSigningKey)
                    ? System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)
                    : Convert.FromBase64String(auth.DevSigningKey);
                o.TokenValidationParameters.IssuerSigningKey = new SymmetricSecurityKey(key);
                o.TokenValidationParameters.ValidAlgorithms = [SecurityAlgorithms.HmacSha256];
            }
        });
        services.AddAuthorization();
        return services;
    }
}
