import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsEmail, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';

export class GrantAccessDto {
  @ApiProperty({ example: 'ckz1x2y3z0000abcd1234efgh' })
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  userId!: string;
}

export class BulkGrantAccessDto {
  @ApiPropertyOptional({ type: [String], description: 'User ids' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(1000)
  @IsString({ each: true })
  userIds?: string[];

  @ApiPropertyOptional({ type: [String], description: 'E-mail addresses of existing users' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(1000)
  @IsEmail({}, { each: true, message: 'each of emails must be an e-mail address' })
  emails?: string[];
}

export class GrantResultDto {
  @ApiProperty() courseId!: string;
  @ApiProperty() userId!: string;
  @ApiProperty({ format: 'date-time' }) grantedAt!: Date;
  @ApiProperty({ description: 'false when the user already had access (nothing changed)' }) created!: boolean;
}

export class BulkGrantResultDto {
  @ApiProperty({ type: [String], description: 'Users enrolled by this request' }) granted!: string[];
  @ApiProperty({ type: [String], description: 'Users who already had access' }) alreadyEnrolled!: string[];
  @ApiProperty({ type: [String], description: 'Given ids with no user' }) unknownUserIds!: string[];
  @ApiProperty({ type: [String], description: 'Given e-mails with no account' }) unknownEmails!: string[];
}
