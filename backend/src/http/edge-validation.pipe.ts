import {
  StandardSchemaValidationPipe,
  type ArgumentMetadata,
  type PipeTransform,
  type StandardSchemaValidationPipeOptions,
} from '@nestjs/common';
import { validationFailed, type FieldError } from './api-error.js';

/** A Standard Schema issue (`message` and an optional `path`), as Nest's pipe hands it over. */
type SchemaIssue = Parameters<
  NonNullable<StandardSchemaValidationPipeOptions['exceptionFactory']>
>[0][number];

/** Carries the schema issues from the Nest pipe to {@link EdgeValidationPipe}, which knows the argument. */
class SchemaIssues extends Error {
  constructor(readonly issues: readonly SchemaIssue[]) {
    super('schema issues');
  }
}

function pathOf(issue: SchemaIssue): string[] {
  return (issue.path ?? []).map((segment) =>
    String(typeof segment === 'object' ? segment.key : segment),
  );
}

/**
 * Turns schema issues into field errors. A path parameter (`@Param('id', { schema })`) is named
 * after the parameter; zod's unknown-key issue (no path, a `keys` list) names each unknown key.
 */
export function fieldErrors(
  issues: readonly SchemaIssue[],
  metadata: Pick<ArgumentMetadata, 'type' | 'data'>,
): FieldError[] {
  const prefix = typeof metadata.data === 'string' ? [metadata.data] : [];
  return issues.flatMap((issue) => {
    const keys = (issue as { keys?: unknown }).keys;
    const path = [...prefix, ...pathOf(issue)];
    if (Array.isArray(keys) && keys.length > 0) {
      return keys.map((key) => ({
        field: [...path, String(key)].join('.'),
        message: 'is not an accepted field',
      }));
    }
    return [{ field: path.length > 0 ? path.join('.') : metadata.type, message: issue.message }];
  });
}

/**
 * Validates `@Body`/`@Query`/`@Param` arguments that declare a `{ schema }` (zod) with Nest's
 * StandardSchemaValidationPipe (which also strips `__proto__` keys) and answers 400
 * `validation_failed` with one entry per bad field. Arguments without a schema pass unchanged.
 */
export class EdgeValidationPipe implements PipeTransform {
  private readonly pipe = new StandardSchemaValidationPipe({
    exceptionFactory: (issues) => new SchemaIssues(issues),
  });

  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    // Most arguments (@CurrentUser, @Req, …) declare no schema: answer them without a promise.
    if (metadata.schema === undefined) return value;
    return this.validate(value, metadata);
  }

  private async validate(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    try {
      return await this.pipe.transform(value, metadata);
    } catch (error) {
      if (error instanceof SchemaIssues)
        throw validationFailed(fieldErrors(error.issues, metadata));
      throw error;
    }
  }
}
