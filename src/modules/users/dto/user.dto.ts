import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ROLES, type Role } from '../../../common/auth/auth-user.js';
import type { User } from '../entities/user.entity.js';

/** A user as the API shows it: never the password hash. */
export class UserDto {
  @ApiProperty({ example: 'ckz1x2y3z0000abcd1234efgh' })
  id!: string;

  @ApiProperty({ example: 'ann.lee@example.com' })
  email!: string;

  @ApiProperty({ nullable: true, type: String, example: 'Ann Lee' })
  name!: string | null;

  @ApiProperty({ nullable: true, type: String, example: 'https://cdn.example.com/ann.png' })
  image!: string | null;

  @ApiProperty({ enum: ROLES })
  role!: Role;

  @ApiProperty({ nullable: true, type: String, format: 'date-time' })
  emailVerified!: Date | null;

  @ApiProperty({ format: 'date-time' })
  createdAt!: Date;

  @ApiProperty({ format: 'date-time' })
  updatedAt!: Date;

  static from(user: User): UserDto {
    return {
      id: user.id,
      email: user.email,
      name: user.name,
      image: user.image,
      role: user.role,
      emailVerified: user.emailVerified,
      createdAt: user.createdAt,
      updatedAt: user.updatedAt,
    };
  }
}

export class UserDetailDto extends UserDto {
  @ApiProperty({ description: 'Courses the user is enrolled in' })
  enrolmentsCount!: number;

  @ApiPropertyOptional({
    nullable: true,
    type: String,
    format: 'date-time',
    description: 'Last successful login',
  })
  lastLoginAt!: Date | null;

  @ApiPropertyOptional({
    nullable: true,
    type: String,
    format: 'date-time',
    description: 'Last progress heartbeat',
  })
  lastLearningAt!: Date | null;

  @ApiPropertyOptional({
    nullable: true,
    type: String,
    format: 'date-time',
    description: 'The later of the two',
  })
  lastActivityAt!: Date | null;
}

export class UserPageDto {
  @ApiProperty({ type: [UserDto] })
  items!: UserDto[];

  @ApiProperty({ type: 'integer' })
  total!: number;

  @ApiProperty({ type: 'integer' })
  page!: number;

  @ApiProperty({ type: 'integer' })
  pageSize!: number;
}
