/** The invitation email locales production accepts (`locale` of send and resend, from the OpenAPI document). */
export const INVITATION_LOCALES: ReadonlySet<string> = new Set(
  (
    'af am ar bg bn bs ca cs da de de-DE el en en-AU en-CA en-GB en-US es es-419 es-ES es-US et fa fi fil fr fr-BE ' +
    'fr-CA fr-FR fy gl gu ha he hi hr hu hy id is it it-IT ja jv ka kk km kn ko lt lv mk ml mn mr ms my nb ne nl ' +
    'nl-BE nl-NL nn no pa pl pt pt-BR pt-PT ro ru sk sl sq sr sv sw ta te th tr uk ur uz vi zh zh-CN zh-HK zh-TW zu'
  ).split(' '),
);
