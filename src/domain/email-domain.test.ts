import { describe, expect, it } from "vitest";

import { emailDomainOf, normalizeDomain } from "./email-domain.js";

describe("normalizeDomain", () => {
  it.each([
    ["acme.com", "acme.com"],
    ["ACME.Com", "acme.com"],
    ["www.acme.com", "acme.com"],
    ["  WWW.Acme.COM  ", "acme.com"],
    ["https://www.acme.com/about?x=1", "acme.com"],
    ["http://acme.com:8080", "acme.com"],
    ["acme.com.", "acme.com"],
    ["mail.acme.co.uk", "mail.acme.co.uk"],
    // Only a leading `www.` is the web host; a company called www-something keeps its name.
    ["wwwacme.com", "wwwacme.com"],
    ["müller-immobilien.de", "müller-immobilien.de"],
    ["localhost", undefined],
    ["", undefined],
    ["acme..com", undefined],
    ["acme com.de", undefined],
    ["www.", undefined],
  ])("%j → %j", (text, expected) => {
    expect(normalizeDomain(text)).toBe(expected);
  });
});

describe("emailDomainOf", () => {
  it.each([
    ["jane@acme.com", "acme.com"],
    ["Jane.Doe@ACME.COM", "acme.com"],
    ["jane@www.acme.com", "acme.com"],
    [" jane@acme.com ", "acme.com"],
    ["Jane Doe <jane@Acme.com>", "acme.com"],
    ["nobody+janesmith@stripe.com", "stripe.com"],
    ["jane@mail.acme.com", "mail.acme.com"],
    // Matomo's own test data has an id shaped like an address whose host is no domain.
    ["new-user-id@one-weeklater", undefined],
    ["@acme.com", undefined],
    ["jane", undefined],
    ["jane@", undefined],
    ["", undefined],
  ])("%j → %j", (email, expected) => {
    expect(emailDomainOf(email)).toBe(expected);
  });
});
