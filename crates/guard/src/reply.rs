// SCAFFOLD (replaced by the triage work).
use crate::OrgProfile;
pub(crate) fn advice_reply(profile: &OrgProfile) -> String {
    profile.name.clone()
}
