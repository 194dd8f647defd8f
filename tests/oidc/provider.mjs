// A real OpenID provider for the test suite: the `oidc-provider` package (a certified
// implementation), on a loopback port, with test users whose claims drive each case.
// tests/oidc/provider.py starts it and waits for its discovery document:
//
//   OIDC_PORT=4567 BEACON_PORTAL_BASE_URL=http://127.0.0.1:5000 node tests/oidc/provider.mjs
//
// Signing a user in needs no browser: the provider's interaction page is replaced by one
// that signs in the user named in its `user` query parameter at once, with that user's
// authentication methods (`amr`) and level (`acr`), and every grant is given without a
// consent page.
//
// A well-behaved provider never issues a bad ID token, so three users have one made on
// purpose, by rewriting the token endpoint's answer and signing it again with the
// provider's own key (the key the portal finds in the provider's JWKS):
//   wrong-audience  the ID token is for another client (aud "another-service");
//   expired         the ID token was issued two hours ago and expired an hour ago;
//   replay          from the second sign-in on, the ID token is the one issued at the
//                   first: a captured token replayed, carrying an earlier sign-in's nonce.
//
// For the events API (client credentials): two records-system clients, one per force,
// whose access tokens are JWTs for the resource "urn:beacon:api".

import { exportJWK, generateKeyPair, decodeJwt, SignJWT } from "jose";
import Provider, { errors } from "oidc-provider";

const port = Number(process.env.OIDC_PORT || 4567);
const portal = (process.env.BEACON_PORTAL_BASE_URL || "http://127.0.0.1:5000").replace(/\/$/, "");
const issuer = `http://127.0.0.1:${port}`;

export const API_RESOURCE = "urn:beacon:api";
export const API_SCOPES = "cases:write events:write";

// The test users, by subject. Every email is verified unless it says otherwise.
const MFA = ["pwd", "otp", "mfa"];
const USERS = {
  ada: { email: "ada.jones@force.example", role: "officer", team: "Team North", amr: MFA },
  lee: { email: "lee.brown@force.example", role: "supervisor", team: "Team North", amr: MFA },
  sam: { email: "sam.admin@force.example", role: "admin", team: "", amr: MFA },
  "acr-only": { email: "ada.jones@force.example", role: "officer", team: "Team North", amr: ["pwd"], acr: "urn:force:mfa" },
  "no-mfa": { email: "ada.jones@force.example", role: "officer", team: "Team North", amr: ["pwd"] },
  stranger: { email: "stranger@elsewhere.example", role: "officer", team: "Team North", amr: MFA },
  unverified: { email: "ada.jones@force.example", verified: false, role: "officer", team: "Team North", amr: MFA },
  "claims-supervisor": { email: "ada.jones@force.example", role: "supervisor", team: "Team North", amr: MFA },
  "claims-officer": { email: "lee.brown@force.example", role: "officer", team: "Team North", amr: MFA },
  "other-team": { email: "ada.jones@force.example", role: "officer", team: "Team South", amr: MFA },
  "wrong-audience": { email: "ada.jones@force.example", role: "officer", team: "Team North", amr: MFA, trick: "wrong-audience" },
  expired: { email: "ada.jones@force.example", role: "officer", team: "Team North", amr: MFA, trick: "expired" },
  replay: { email: "ada.jones@force.example", role: "officer", team: "Team North", amr: MFA, trick: "replay" },
};

const { privateKey } = await generateKeyPair("RS256", { extractable: true });
const signingKey = { ...(await exportJWK(privateKey)), kid: "test-key-1", alg: "RS256", use: "sig" };

const provider = new Provider(issuer, {
  jwks: { keys: [signingKey] },
  cookies: { keys: ["a-cookie-key-for-the-test-provider-only"] },
  clients: [
    {
      client_id: "beacon-portal",
      client_secret: "beacon-portal-test-secret",
      redirect_uris: [`${portal}/staff/sign-in/force/return`],
      post_logout_redirect_uris: [`${portal}/staff/sign-in?signed_out=1`],
      grant_types: ["authorization_code"],
      response_types: ["code"],
      token_endpoint_auth_method: "client_secret_basic",
    },
    ...["north", "south"].map((force) => ({
      client_id: `records-${force}`,
      client_secret: `records-${force}-test-secret`,
      grant_types: ["client_credentials"],
      redirect_uris: [],
      response_types: [],
      scope: API_SCOPES,
      token_endpoint_auth_method: "client_secret_basic",
    })),
  ],
  claims: {
    // How the person signed in (amr, acr): the portal requires a second factor.
    openid: ["sub", "amr", "acr"],
    email: ["email", "email_verified"],
    beacon: ["beacon_role", "beacon_team"],
  },
  scopes: ["openid", "email", "beacon", "offline_access", ...API_SCOPES.split(" ")],
  // Scope claims in the ID token itself, as Entra ID puts `roles` there.
  conformIdTokenClaims: false,
  acrValues: ["urn:force:mfa"],
  pkce: { required: () => true },
  features: {
    devInteractions: { enabled: false },
    clientCredentials: { enabled: true },
    rpInitiatedLogout: { enabled: true },
    resourceIndicators: {
      enabled: true,
      defaultResource: (ctx, client) =>
        client.grantTypes.includes("client_credentials") ? API_RESOURCE : undefined,
      useGrantedResource: () => false,
      getResourceServerInfo: (ctx, resource) => {
        if (resource !== API_RESOURCE) throw new errors.InvalidTarget();
        return {
          scope: API_SCOPES,
          audience: API_RESOURCE,
          accessTokenTTL: 300,
          accessTokenFormat: "jwt",
          jwt: { sign: { alg: "RS256" } },
        };
      },
    },
  },
  interactions: { url: (ctx, interaction) => `/interaction/${interaction.uid}` },
  async findAccount(ctx, sub) {
    const user = USERS[sub];
    if (!user) return undefined;
    return {
      accountId: sub,
      async claims() {
        return {
          sub,
          email: user.email,
          email_verified: user.verified !== false,
          beacon_role: user.role,
          beacon_team: user.team,
        };
      },
    };
  },
  // Every grant is given at once: no consent page to click through.
  async loadExistingGrant(ctx) {
    const grant = new ctx.oidc.provider.Grant({
      clientId: ctx.oidc.client.clientId,
      accountId: ctx.oidc.session.accountId,
    });
    grant.addOIDCScope("openid email beacon");
    await grant.save();
    return grant;
  },
});

const firstIdToken = {};

async function signAgain(claims) {
  return new SignJWT(claims)
    .setProtectedHeader({ alg: "RS256", kid: signingKey.kid })
    .sign(privateKey);
}

async function trickIdToken(idToken) {
  const claims = decodeJwt(idToken);
  const trick = USERS[claims.sub]?.trick;
  const now = Math.floor(Date.now() / 1000);
  if (trick === "wrong-audience") return signAgain({ ...claims, aud: "another-service" });
  if (trick === "expired") {
    return signAgain({ ...claims, iat: now - 7200, auth_time: now - 7200, exp: now - 3600 });
  }
  if (trick === "replay") {
    firstIdToken[claims.sub] ||= idToken;
    return firstIdToken[claims.sub];
  }
  return idToken;
}

provider.use(async (ctx, next) => {
  if (ctx.path.startsWith("/interaction/")) {
    const details = await provider.interactionDetails(ctx.req, ctx.res);
    const user = USERS[ctx.query.user];
    if (!user || details.prompt.name !== "login") {
      ctx.status = 400;
      ctx.body = "name a test user in ?user=";
      return;
    }
    const result = { login: { accountId: ctx.query.user, amr: user.amr, acr: user.acr, remember: false } };
    const returnTo = await provider.interactionResult(ctx.req, ctx.res, result, {
      mergeWithLastSubmission: false,
    });
    ctx.redirect(returnTo);
    ctx.status = 303;
    return;
  }
  await next();
  if (ctx.oidc?.route === "token" && ctx.status === 200 && ctx.body?.id_token) {
    ctx.body = { ...ctx.body, id_token: await trickIdToken(ctx.body.id_token) };
  }
});

provider.listen(port, "127.0.0.1", () => {
  console.log(`test OpenID provider listening at ${issuer}`);
});
