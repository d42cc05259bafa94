#pragma once
// The route groups of protocol v1, one file each (docs/protocol.md has the same sections).

namespace wb::server {

class Router;
struct ServerContext;

void install_meta_routes(Router& r, ServerContext& ctx);         // health, version
void install_catalog_routes(Router& r, ServerContext& ctx);      // catalog, forms, guides, downloads
void install_auth_routes(Router& r, ServerContext& ctx);         // sign-in, refresh, sign-out, me
void install_submission_routes(Router& r, ServerContext& ctx);   // idempotent submissions
void install_upload_routes(Router& r, ServerContext& ctx);       // resumable attachment uploads
void install_case_routes(Router& r, ServerContext& ctx);         // cases, timeline, changes feed, results, supplements
void install_supplement_routes(Router& r, ServerContext& ctx);   // the applicant's supplements (补正)
void install_caseworker_routes(Router& r, ServerContext& ctx);   // the caseworkers' side, supervision
void install_service_routes(Router& r, ServerContext& ctx);      // consultations, appointments, ratings

}  // namespace wb::server
