import { ApiExtraModels, ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';

/** One field a request got wrong (validation errors list them in `details`). */
export class FieldProblemDto {
  @ApiProperty({ example: 'email', description: 'The field, as a dotted path (`events.2.timestamp`)' })
  field!: string;

  @ApiProperty({ type: [String], example: ['email must be an email'] })
  messages!: string[];
}

/** The one JSON shape every error answers with. */
@ApiExtraModels(FieldProblemDto)
export class ErrorResponseDto {
  @ApiProperty({ type: 'integer', example: 400 })
  statusCode!: number;

  @ApiProperty({ example: 'validation_failed', description: 'Stable machine-readable code' })
  error!: string;

  @ApiProperty({ example: 'Invalid request: email' })
  message!: string;

  @ApiPropertyOptional({
    description:
      'Per-field problems (validation errors, a body field naming an unknown item), or an object of extra ' +
      'context (`retryAfterSeconds` of a 429, the `constraint` a write broke)',
    oneOf: [
      { type: 'array', items: { $ref: getSchemaPath(FieldProblemDto) } },
      { type: 'object', additionalProperties: true },
    ],
    example: [{ field: 'email', messages: ['email must be an email'] }],
  })
  details?: FieldProblemDto[] | Record<string, unknown>;

  @ApiProperty({ example: '4f0c7d1e-2f37-4bd4-9a39-9b1f3b0e4a8c' })
  requestId!: string;
}
