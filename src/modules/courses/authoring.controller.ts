import { Body, Controller, Delete, HttpCode, HttpStatus, Param, Patch, Post, Put } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { Roles } from '../../common/auth/roles.decorator.js';
import { ErrorResponseDto } from '../../common/errors/error-response.js';
import { AuthoringService } from './authoring.service.js';
import { ClassContentDto, CourseDto, ModuleDto, TopicDto } from './dto/course.dto.js';
import { CreateCourseDto, ReorderDto, UpdateCourseDto } from './dto/course-requests.dto.js';
import {
  CreateClassDto,
  CreateModuleDto,
  CreateTopicDto,
  UpdateClassDto,
  UpdateModuleDto,
  UpdateTopicDto,
} from './dto/structure-requests.dto.js';

/** Staff authoring of courses and their tree. Items of another course than the path's are 404. */
@ApiTags('authoring')
@ApiBearerAuth()
@Roles('staff', 'admin')
@ApiUnauthorizedResponse({ type: ErrorResponseDto })
@ApiBadRequestResponse({ type: ErrorResponseDto, description: 'Malformed body; `details` names the field' })
@ApiNotFoundResponse({ type: ErrorResponseDto })
@ApiUnprocessableEntityResponse({
  type: ErrorResponseDto,
  description: 'Breaks a rule (content per type, reorder list…)',
})
@Controller('courses')
export class AuthoringController {
  constructor(private readonly authoring: AuthoringService) {}

  @Post()
  @ApiOperation({ operationId: 'createCourse', summary: 'Create a course' })
  @ApiCreatedResponse({ type: CourseDto })
  createCourse(@Body() body: CreateCourseDto): Promise<CourseDto> {
    return this.authoring.createCourse(body);
  }

  @Patch(':courseId')
  @ApiOperation({ operationId: 'updateCourse', summary: 'Update a course' })
  @ApiOkResponse({ type: CourseDto })
  updateCourse(@Param('courseId') courseId: string, @Body() body: UpdateCourseDto): Promise<CourseDto> {
    return this.authoring.updateCourse(courseId, body);
  }

  @Delete(':courseId')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({
    operationId: 'deleteCourse',
    summary: 'Delete a course with its modules, topics, classes, enrolments and progress',
  })
  @ApiNoContentResponse()
  deleteCourse(@Param('courseId') courseId: string): Promise<void> {
    return this.authoring.deleteCourse(courseId);
  }

  @Post(':courseId/modules')
  @ApiOperation({ operationId: 'createModule', summary: 'Add a module (last, or at `order`)' })
  @ApiCreatedResponse({ type: ModuleDto })
  createModule(@Param('courseId') courseId: string, @Body() body: CreateModuleDto): Promise<ModuleDto> {
    return this.authoring.createModule(courseId, body);
  }

  @Put(':courseId/modules/order')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({
    operationId: 'reorderModules',
    summary: 'Reorder the modules: the complete list of module ids, in one transaction',
  })
  @ApiNoContentResponse()
  reorderModules(@Param('courseId') courseId: string, @Body() body: ReorderDto): Promise<void> {
    return this.authoring.reorderModules(courseId, body.ids);
  }

  @Patch(':courseId/modules/:moduleId')
  @ApiOperation({ operationId: 'updateModule', summary: 'Update a module' })
  @ApiOkResponse({ type: ModuleDto })
  updateModule(
    @Param('courseId') courseId: string,
    @Param('moduleId') moduleId: string,
    @Body() body: UpdateModuleDto,
  ): Promise<ModuleDto> {
    return this.authoring.updateModule(courseId, moduleId, body);
  }

  @Delete(':courseId/modules/:moduleId')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ operationId: 'deleteModule', summary: 'Delete a module with its topics and classes' })
  @ApiNoContentResponse()
  deleteModule(@Param('courseId') courseId: string, @Param('moduleId') moduleId: string): Promise<void> {
    return this.authoring.deleteModule(courseId, moduleId);
  }

  @Put(':courseId/modules/:moduleId/topics/order')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({
    operationId: 'reorderModuleTopics',
    summary: "Reorder a module's topics: the complete list of its topic ids",
  })
  @ApiNoContentResponse()
  reorderModuleTopics(
    @Param('courseId') courseId: string,
    @Param('moduleId') moduleId: string,
    @Body() body: ReorderDto,
  ): Promise<void> {
    return this.authoring.reorderTopics(courseId, moduleId, body.ids);
  }

  @Post(':courseId/topics')
  @ApiOperation({
    operationId: 'createTopic',
    summary:
      'Add a topic to a module of the course, or to the course itself (moduleId null); last, or at `order`',
  })
  @ApiCreatedResponse({ type: TopicDto })
  createTopic(@Param('courseId') courseId: string, @Body() body: CreateTopicDto): Promise<TopicDto> {
    return this.authoring.createTopic(courseId, body);
  }

  @Put(':courseId/topics/order')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({
    operationId: 'reorderLooseTopics',
    summary: 'Reorder the topics without a module: the complete list of their ids',
  })
  @ApiNoContentResponse()
  reorderLooseTopics(@Param('courseId') courseId: string, @Body() body: ReorderDto): Promise<void> {
    return this.authoring.reorderTopics(courseId, null, body.ids);
  }

  @Patch(':courseId/topics/:topicId')
  @ApiOperation({
    operationId: 'updateTopic',
    summary:
      'Rename a topic, move it to another module of the course (last there, or at `order`) or to `order`',
  })
  @ApiOkResponse({ type: TopicDto })
  updateTopic(
    @Param('courseId') courseId: string,
    @Param('topicId') topicId: string,
    @Body() body: UpdateTopicDto,
  ): Promise<TopicDto> {
    return this.authoring.updateTopic(courseId, topicId, body);
  }

  @Delete(':courseId/topics/:topicId')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ operationId: 'deleteTopic', summary: 'Delete a topic with its classes' })
  @ApiNoContentResponse()
  deleteTopic(@Param('courseId') courseId: string, @Param('topicId') topicId: string): Promise<void> {
    return this.authoring.deleteTopic(courseId, topicId);
  }

  @Post(':courseId/topics/:topicId/classes')
  @ApiOperation({
    operationId: 'createClass',
    summary:
      'Add a class (video needs videoUrl, text needs textContent, contest needs contestUrl); last, or at `order`',
  })
  @ApiCreatedResponse({ type: ClassContentDto })
  createClass(
    @Param('courseId') courseId: string,
    @Param('topicId') topicId: string,
    @Body() body: CreateClassDto,
  ): Promise<ClassContentDto> {
    return this.authoring.createClass(courseId, topicId, body);
  }

  @Put(':courseId/topics/:topicId/classes/order')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({
    operationId: 'reorderClasses',
    summary: "Reorder a topic's classes: the complete list of its class ids",
  })
  @ApiNoContentResponse()
  reorderClasses(
    @Param('courseId') courseId: string,
    @Param('topicId') topicId: string,
    @Body() body: ReorderDto,
  ): Promise<void> {
    return this.authoring.reorderClasses(courseId, topicId, body.ids);
  }

  @Patch(':courseId/classes/:classId')
  @ApiOperation({
    operationId: 'updateClass',
    summary: 'Update a class, or move it to another topic of the course (topicId)',
  })
  @ApiOkResponse({ type: ClassContentDto })
  updateClass(
    @Param('courseId') courseId: string,
    @Param('classId') classId: string,
    @Body() body: UpdateClassDto,
  ): Promise<ClassContentDto> {
    return this.authoring.updateClass(courseId, classId, body);
  }

  @Delete(':courseId/classes/:classId')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ operationId: 'deleteClass', summary: 'Delete a class (and the progress on it)' })
  @ApiNoContentResponse()
  deleteClass(@Param('courseId') courseId: string, @Param('classId') classId: string): Promise<void> {
    return this.authoring.deleteClass(courseId, classId);
  }
}
