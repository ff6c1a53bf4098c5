import { Module } from '@nestjs/common';
import { HealthController } from './health.controller.js';

/** `GET /health` and `GET /health/ready` (public). */
@Module({ controllers: [HealthController] })
export class HealthModule {}
