use super::ApiJson;
use crate::auth::Signed;
use crate::error::ApiResult;
use crate::state::AppState;
use axum::extract::State;
use axum::Json;
use domain::{OrgProfile, OrgSettings};

pub async fn profile(
    State(state): State<AppState>,
    Signed(actor): Signed,
) -> ApiResult<Json<OrgProfile>> {
    Ok(Json(state.desk.profile(&actor.viewer()?).await?))
}

pub async fn update_profile(
    State(state): State<AppState>,
    Signed(actor): Signed,
    ApiJson(profile): ApiJson<OrgProfile>,
) -> ApiResult<Json<OrgProfile>> {
    Ok(Json(
        state.desk.update_profile(&actor.admin()?, profile).await?,
    ))
}

pub async fn settings(
    State(state): State<AppState>,
    Signed(actor): Signed,
) -> ApiResult<Json<OrgSettings>> {
    actor.admin()?;
    Ok(Json(state.desk.settings(&actor.viewer()?).await?))
}

pub async fn update_settings(
    State(state): State<AppState>,
    Signed(actor): Signed,
    ApiJson(settings): ApiJson<OrgSettings>,
) -> ApiResult<Json<OrgSettings>> {
    Ok(Json(
        state
            .desk
            .update_settings(&actor.admin()?, settings)
            .await?,
    ))
}
