export {
  DEFAULT_PORTS,
  DEV_INFRA,
  portEnvOf,
  SERVICE_NAMES,
  SERVICES,
  servicePorts,
  serviceUrl,
  SMTP_CAPTURE,
  type Environment,
  type ServiceDefinition,
  type ServiceName,
} from './services';
