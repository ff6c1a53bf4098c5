import { Module } from '@nestjs/common';
import { AdminController } from './admin.controller.js';

/** `GET /admin/me` and the admin-only `GET /admin/overview`. */
@Module({ controllers: [AdminController] })
export class AdminModule {}
