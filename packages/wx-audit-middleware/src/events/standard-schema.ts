/**
 * The Standard Schema interface (standardschema.dev), v1: what zod (3.24+ and 4), valibot and arktype
 * schemas all implement. Declared here rather than imported, as the spec suggests: a structural type
 * needs no runtime dependency, and any conforming schema fits it.
 */
export interface StandardSchemaV1<Input = unknown, Output = Input> {
  readonly '~standard': {
    readonly version: 1;
    readonly vendor: string;
    readonly validate: (value: unknown) => StandardSchemaResult<Output> | Promise<StandardSchemaResult<Output>>;
    readonly types?: { readonly input: Input; readonly output: Output } | undefined;
  };
}

export type StandardSchemaResult<Output> =
  | { readonly value: Output; readonly issues?: undefined }
  | { readonly issues: ReadonlyArray<StandardSchemaIssue> };

export interface StandardSchemaIssue {
  readonly message: string;
  readonly path?: ReadonlyArray<PropertyKey | { readonly key: PropertyKey }> | undefined;
}

/** What a Standard Schema parses to. */
export type StandardSchemaOutput<S extends StandardSchemaV1> = NonNullable<S['~standard']['types']>['output'];
