import { newRegistrationRequestSchema, updateRequestSchema, type FieldPolicies } from '../../protocol';

type Schemas = { newRegistration: ReturnType<typeof newRegistrationRequestSchema>; update: ReturnType<typeof updateRequestSchema> };
const cache = new WeakMap<FieldPolicies, Schemas>();

/** Request schemas for a form's field policies, built once: zod compiles a schema on first use, not per request. */
export function requestSchemas(policies: FieldPolicies): Schemas {
  let schemas = cache.get(policies);
  if (!schemas) {
    schemas = { newRegistration: newRegistrationRequestSchema(policies), update: updateRequestSchema(policies) };
    cache.set(policies, schemas);
  }
  return schemas;
}
