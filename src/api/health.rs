//! The seller-performance health panel: metrics typed from the Account Health page, judged against
//! the marketplace's (and Amazon Business) targets in force.

use super::{ApiError, ErrorCode, Landfall};
use crate::checklist::bundled;
use crate::checklist::health::{HealthReport, Metrics, assess, check_metrics};

impl Landfall {
    pub fn assess_health(&self, metrics: Metrics) -> Result<HealthReport, ApiError> {
        let problems = check_metrics(&metrics);
        if !problems.is_empty() {
            return Err(ApiError::invalid(problems));
        }
        let targets = bundled::performance_targets().map_err(|err| {
            ApiError::new(
                ErrorCode::Internal,
                format!("the bundled performance targets do not load: {err}"),
            )
        })?;
        Ok(assess(&metrics, &targets))
    }
}
