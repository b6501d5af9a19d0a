export { ConsumersModule } from './consumers.module';
