export { AccessModule } from './access.module.js';
export { AccessService, type EnrolmentArrays, type Member } from './access.service.js';
export { ACCESS_EVENTS, AccessGrantedEvent, AccessRevokedEvent } from './access.events.js';
