import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** The one JSON shape every error answers with. */
export class ErrorResponseDto {
  @ApiProperty({ example: 400 })
  statusCode!: number;

  @ApiProperty({ example: 'validation_failed', description: 'Stable machine-readable code' })
  error!: string;

  @ApiProperty({ example: 'Invalid request: email' })
  message!: string;

  @ApiPropertyOptional({
    description: 'Per-field problems for validation errors, or extra context',
    example: [{ field: 'email', messages: ['email must be an email'] }],
  })
  details?: unknown;

  @ApiProperty({ example: '4f0c7d1e-2f37-4bd4-9a39-9b1f3b0e4a8c' })
  requestId!: string;
}
