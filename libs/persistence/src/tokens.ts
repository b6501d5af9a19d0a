import { Inject } from '@nestjs/common';

/** Injection token of the Database (a driver Db) that PersistenceModule.forRoot provides. */
export const PERSISTENCE_DB = Symbol('meridian.persistence.db');
export const PERSISTENCE_CLIENT = Symbol('meridian.persistence.client');
export const PERSISTENCE_OPTIONS = Symbol('meridian.persistence.options');
export const FEATURE_COLLECTIONS = Symbol('meridian.persistence.feature-collections');

/** `constructor(@InjectDatabase() db: Database)`: a type alias cannot be a Nest token. */
export const InjectDatabase = (): ParameterDecorator => Inject(PERSISTENCE_DB);
