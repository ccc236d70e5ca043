import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEmail, IsString, Matches, MaxLength } from 'class-validator';
import { UserDto } from './user.dto.js';

const normaliseEmail = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.trim().toLowerCase() : value;

export class RequestOtpDto {
  @ApiProperty({ example: 'ann.lee@example.com' })
  @Transform(normaliseEmail)
  @IsEmail({}, { message: 'email must be a valid e-mail address' })
  @MaxLength(254)
  email!: string;
}

export class VerifyOtpDto extends RequestOtpDto {
  @ApiProperty({ example: '123456', description: 'The 6-digit code from the e-mail' })
  @IsString()
  @Matches(/^\d{6}$/, { message: 'code must be exactly 6 digits' })
  code!: string;
}

export class RefreshTokenDto {
  @ApiProperty({ description: 'The refresh token from the last login or refresh' })
  @IsString()
  @MaxLength(200)
  @Matches(/^[A-Za-z0-9]+\.[A-Za-z0-9_-]+$/, { message: 'refreshToken is malformed' })
  refreshToken!: string;
}

export class OtpRequestedDto {
  @ApiProperty({ example: 'If the address can receive mail, a code is on its way.' })
  message!: string;

  @ApiProperty({ example: 600, description: 'Seconds the code stays valid' })
  expiresIn!: number;
}

export class AuthTokensDto {
  @ApiProperty({ description: 'JWT for the Authorization: Bearer header' })
  accessToken!: string;

  @ApiProperty({ description: 'Opaque; single use: every refresh returns a new one' })
  refreshToken!: string;

  @ApiProperty({ example: 900, description: 'Seconds until the access token expires' })
  expiresIn!: number;
}

export class LoginResponseDto extends AuthTokensDto {
  @ApiProperty({ type: UserDto })
  user!: UserDto;
}
