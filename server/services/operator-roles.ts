/** Operator roles of OPERATOR-API.md, lowest first. */
export const OPERATOR_ROLES = ['viewer', 'support', 'admin'] as const;
export type OperatorRole = (typeof OPERATOR_ROLES)[number];

/** Who is calling the operator API, as `/me` and the audit name them. */
export interface OperatorPrincipal {
  name: string;
  role: OperatorRole;
  via: 'token' | 'oidc';
  /** The OIDC subject of a person (the audit's actor is "sub name"); absent for tokens. */
  subject?: string;
  /** The session's CSRF token (browser sessions only). */
  csrfToken?: string;
}

/** True when `role` has at least the rights of `needed`. */
export function roleAtLeast(role: OperatorRole, needed: OperatorRole): boolean {
  return OPERATOR_ROLES.indexOf(role) >= OPERATOR_ROLES.indexOf(needed);
}

/** Viewers see no personal information; support and admin do. */
export function seesPersonalInformation(role: OperatorRole): boolean {
  return roleAtLeast(role, 'support');
}

/** A stored role string, or null when it is none of the three. */
export function parseRole(value: unknown): OperatorRole | null {
  return typeof value === 'string' && (OPERATOR_ROLES as readonly string[]).includes(value) ? (value as OperatorRole) : null;
}

/** The highest role in an OIDC claim (a string or an array of strings), or null without one. */
export function highestRole(claim: unknown): OperatorRole | null {
  const values = Array.isArray(claim) ? claim : [claim];
  let best: OperatorRole | null = null;
  for (const value of values) {
    const role = parseRole(value);
    if (role !== null && (best === null || roleAtLeast(role, best))) best = role;
  }
  return best;
}

/** The audit actor name of a principal: a token's name, or a person's subject and name. */
export function actorName(principal: OperatorPrincipal): string {
  return principal.subject === undefined ? principal.name : `${principal.subject} ${principal.name}`;
}
