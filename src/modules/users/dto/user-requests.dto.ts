import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional, IsString, IsUrl, MaxLength, MinLength, ValidateIf } from 'class-validator';
import { ROLES, type Role } from '../../../common/auth/auth-user.js';
import { HTTP_URL_MESSAGE, HTTP_URL_OPTIONS, URL_MAX_LENGTH } from '../../../common/validation/http-url.js';
import { PageQueryDto } from '../../../common/pagination/pagination.js';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class UpdateMeDto {
  @ApiPropertyOptional({ example: 'Ann Lee', maxLength: 100, type: String, nullable: true })
  @IsOptional()
  @Transform(trim)
  @ValidateIf((_o, v) => v !== null)
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  name?: string | null;

  @ApiPropertyOptional({
    example: 'https://cdn.example.com/ann.png',
    type: String,
    nullable: true,
    description: 'http(s) URL',
  })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @IsUrl(HTTP_URL_OPTIONS, { message: `image ${HTTP_URL_MESSAGE}` })
  @MaxLength(URL_MAX_LENGTH)
  image?: string | null;
}

export const USER_SORTS = ['createdAt', '-createdAt', 'email', '-email', 'name', '-name'] as const;
export type UserSort = (typeof USER_SORTS)[number];

export class ListUsersQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Matches e-mail or name (case-insensitive, substring)' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(200)
  search?: string;

  @ApiPropertyOptional({ enum: ROLES })
  @IsOptional()
  @IsIn(ROLES)
  role?: Role;

  @ApiPropertyOptional({ enum: USER_SORTS, default: '-createdAt' })
  @IsOptional()
  @IsIn(USER_SORTS)
  sort: UserSort = '-createdAt';
}

export class UpdateUserRoleDto {
  @ApiPropertyOptional({ enum: ROLES })
  @IsIn(ROLES)
  role!: Role;
}
