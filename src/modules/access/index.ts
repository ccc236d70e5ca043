export { AccessModule } from './access.module.js';
export { AccessService, type Member } from './access.service.js';
export { enrolmentDaysRelation, enrolmentsRelation } from './enrolments.relation.js';
export { ACCESS_EVENTS, AccessGrantedEvent, AccessRevokedEvent } from './access.events.js';
export { ACCESS_TABLE_COMMENTS } from './access.table-comments.js';
