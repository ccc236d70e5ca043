import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Patch, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { CurrentUser } from '../../common/auth/current-user.decorator.js';
import { Roles } from '../../common/auth/roles.decorator.js';
import { ErrorResponseDto } from '../../common/errors/error-response.js';
import { UserDetailDto, UserDto, UserPageDto } from './dto/user.dto.js';
import { ListUsersQueryDto, UpdateMeDto, UpdateUserRoleDto } from './dto/user-requests.dto.js';
import { UsersService } from './users.service.js';

@ApiTags('users')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ type: ErrorResponseDto })
@ApiBadRequestResponse({ type: ErrorResponseDto })
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get('me')
  @ApiOperation({ operationId: 'getMe', summary: 'The current user' })
  @ApiOkResponse({ type: UserDto })
  me(@CurrentUser() caller: AuthUser): Promise<UserDto> {
    return this.users.getMe(caller);
  }

  @Patch('me')
  @ApiOperation({ operationId: 'updateMe', summary: 'Update my name or profile image URL (null clears it)' })
  @ApiOkResponse({ type: UserDto })
  updateMe(@CurrentUser() caller: AuthUser, @Body() body: UpdateMeDto): Promise<UserDto> {
    return this.users.updateMe(caller, body);
  }

  @Get()
  @Roles('staff', 'admin')
  @ApiOperation({
    operationId: 'listUsers',
    summary: 'List users (staff): search by e-mail or name, filter by role, sort, paginate',
  })
  @ApiOkResponse({ type: UserPageDto })
  list(@Query() query: ListUsersQueryDto): Promise<UserPageDto> {
    return this.users.list(query);
  }

  @Get(':userId')
  @Roles('staff', 'admin')
  @ApiOperation({
    operationId: 'getUser',
    summary: 'One user with enrolment count and last activity (staff)',
  })
  @ApiOkResponse({ type: UserDetailDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  detail(@Param('userId') userId: string): Promise<UserDetailDto> {
    return this.users.detail(userId);
  }

  @Patch(':userId')
  @Roles('admin')
  @ApiOperation({
    operationId: 'changeUserRole',
    summary: "Change a user's role (admin); ends that user's sessions so it applies at once",
  })
  @ApiOkResponse({ type: UserDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  @ApiUnprocessableEntityResponse({
    type: ErrorResponseDto,
    description: 'Admins cannot change their own role',
  })
  changeRole(
    @CurrentUser() caller: AuthUser,
    @Param('userId') userId: string,
    @Body() body: UpdateUserRoleDto,
  ): Promise<UserDto> {
    return this.users.changeRole(caller, userId, body.role);
  }

  @Delete(':userId')
  @Roles('admin')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({
    operationId: 'deleteUser',
    summary: 'Delete a user (admin)',
    description:
      'Cascades to the enrolments, progress and sessions of the user. Analytics events are history: they ' +
      'keep their rows, with user_id, so past reports do not change.',
  })
  @ApiNoContentResponse()
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  @ApiUnprocessableEntityResponse({ type: ErrorResponseDto, description: 'Admins cannot delete themselves' })
  remove(@CurrentUser() caller: AuthUser, @Param('userId') userId: string): Promise<void> {
    return this.users.delete(caller, userId);
  }
}
