import { Reflector } from '@nestjs/core';

/** An explicit match mode: the token must hold at least one (`anyOf`) or every (`allOf`) value. */
export type AccessRule =
  | { readonly anyOf: readonly string[]; readonly allOf?: never }
  | { readonly allOf: readonly string[]; readonly anyOf?: never };

function checkedRule(rule: AccessRule | undefined): AccessRule {
  const values = rule?.anyOf ?? rule?.allOf;
  if (!values || values.length === 0 || (rule?.anyOf && rule.allOf)) {
    throw new TypeError('An access rule needs exactly one non-empty anyOf or allOf list');
  }
  return rule as AccessRule;
}

/**
 * Requires roles from the token (`role` and `roles` claims), e.g. `@Roles({ anyOf: ['admin'] })`.
 * Handler-level metadata overrides class-level metadata.
 */
export const Roles = Reflector.createDecorator<AccessRule, AccessRule>({
  key: 'gatehouse:roles',
  transform: checkedRule,
});

/**
 * Requires permissions from the token (`permissions` claim), e.g.
 * `@Permissions({ allOf: ['widgets:read', 'widgets:write'] })`. Handler-level overrides class-level.
 */
export const Permissions = Reflector.createDecorator<AccessRule, AccessRule>({
  key: 'gatehouse:permissions',
  transform: checkedRule,
});

/** How `@Roles` and `@Permissions` combine when a route has both. */
export type AccessCombination = 'both' | 'either';

/**
 * With `'either'`, a route carrying both `@Roles` and `@Permissions` admits a token that satisfies
 * one of them (e.g. the `admin` role or an admin permission). The default is `'both'`.
 */
export const AccessCombine = Reflector.createDecorator<AccessCombination>({
  key: 'gatehouse:accessCombine',
});
