//! Commands that run or administer the desk: serve, admin, token, audit, config.

use crate::config::Config;
use crate::Common;
use anyhow::Context;
use clap::{Args, Subcommand};
use domain::secret_box::SecretBox;
use domain::Desk;
use std::io::Read;
use std::process::ExitCode;
use std::sync::Arc;

#[derive(Args)]
pub struct ServeArgs {
    #[command(flatten)]
    common: Common,
    /// Address to listen on (default 127.0.0.1:8080; CAREPOST_BIND).
    #[arg(long)]
    bind: Option<String>,
    /// Fill a fresh database with a demo organisation, users of every role and a handbook.
    #[arg(long)]
    demo: bool,
}

#[derive(Subcommand)]
pub enum AdminCommand {
    /// Create an administrator (and the organisation, when it does not exist yet).
    Create {
        #[command(flatten)]
        common: Common,
        #[arg(long)]
        email: String,
        /// Display name (default: the part of the email before @).
        #[arg(long)]
        name: Option<String>,
        /// Organisation name.
        #[arg(long, default_value = "My Organisation")]
        org: String,
        /// Read the password from standard input (required: passwords never go in arguments).
        #[arg(long, required = true)]
        password_stdin: bool,
    },
}

#[derive(Subcommand)]
pub enum TokenCommand {
    /// Create an API token for a user and print it (shown once).
    Create {
        #[command(flatten)]
        common: Common,
        #[arg(long)]
        email: String,
        #[arg(long)]
        name: String,
    },
}

#[derive(Subcommand)]
pub enum AuditCommand {
    /// Verify every organisation's audit hash chain; exits 1 when one is broken.
    Verify {
        #[command(flatten)]
        common: Common,
    },
}

pub fn run(
    fut: impl std::future::Future<Output = anyhow::Result<ExitCode>>,
) -> anyhow::Result<ExitCode> {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("cannot start the async runtime")?
        .block_on(fut)
}

fn load(common: &Common) -> anyhow::Result<Config> {
    let mut config = Config::load(common.config.as_deref())?;
    if let Some(db) = &common.database {
        config.database_url = db.clone();
    }
    Ok(config)
}

async fn open_desk(config: &Config) -> anyhow::Result<Arc<Desk>> {
    Ok(Arc::new(desk_without_files(config).await?))
}

async fn desk_without_files(config: &Config) -> anyhow::Result<Desk> {
    let store = store::connect(&config.database_url)
        .await
        .with_context(|| format!("database {}", config.describe_database()))?;
    Ok(Desk::new(store, secret_box(config)?))
}

/// The desk with its file store, for the server (other commands never touch files, so
/// they do not create the directory).
async fn open_serving_desk(config: &Config) -> anyhow::Result<Desk> {
    let location = config.files_location();
    let files = files::open(&location, None)
        .await
        .with_context(|| format!("file store {}", files::mask(&location)))?;
    if config.files.is_none() && !config.database_url.starts_with("sqlite") {
        tracing::warn!(
            files = %location,
            "files are kept in a local directory; with several instances set `files` to shared storage (s3://...)"
        );
    }
    Ok(desk_without_files(config).await?.with_files(files))
}

/// How alerts reach people: email over SMTP and SMS/voice over the Twilio-compatible API,
/// each when configured (a half-configured one is an error, not a silent no-op).
fn messaging(config: &Config, public_url: &str) -> anyhow::Result<domain::desk::Messaging> {
    let mailer: Option<Arc<dyn notify::Mailer>> = match (&config.smtp_url, &config.smtp_from) {
        // One SMTP connection per concurrent sender.
        (Some(url), Some(from)) => Some(Arc::new(
            notify::SmtpMailer::new(url, from)
                .context("smtp_url / smtp_from")?
                .with_pool_size(domain::desk::Messaging::default().email_concurrency),
        )),
        (Some(_), None) => anyhow::bail!(
            "smtp_url is set but smtp_from is not: set the sender address of alert emails"
        ),
        (None, Some(_)) => {
            anyhow::bail!("smtp_from is set but smtp_url is not: set the SMTP server")
        }
        (None, None) => None,
    };
    let twilio = [
        ("twilio_account_sid", &config.twilio_account_sid),
        ("twilio_auth_token", &config.twilio_auth_token),
        ("twilio_from", &config.twilio_from),
    ];
    let missing: Vec<&str> = twilio
        .iter()
        .filter(|(_, v)| v.is_none())
        .map(|(k, _)| *k)
        .collect();
    let telephony: Option<Arc<dyn notify::Telephony>> = match missing.len() {
        0 => Some(Arc::new(notify::TwilioClient::new(
            &config.twilio_base_url,
            config.twilio_account_sid.as_deref().unwrap_or_default(),
            config.twilio_auth_token.as_deref().unwrap_or_default(),
            config.twilio_from.as_deref().unwrap_or_default(),
        ))),
        3 => None,
        _ => anyhow::bail!(
            "SMS and voice need all of twilio_account_sid, twilio_auth_token and twilio_from; missing: {}",
            missing.join(", ")
        ),
    };
    if mailer.is_none() {
        tracing::warn!("smtp_url is not set: facility alerts will not be emailed");
    }
    if telephony.is_none() {
        tracing::warn!(
            "Twilio is not configured: facility alerts will not be sent by SMS or voice"
        );
    }
    Ok(domain::desk::Messaging {
        mailer,
        telephony,
        public_url: public_url.to_string(),
        phone_per_second: config.sms_per_second.max(1),
        ..Default::default()
    })
}

/// The key that seals secrets at rest: configured, or for SQLite a key file created beside the
/// database on first use (readable by its owner only).
fn secret_box(config: &Config) -> anyhow::Result<SecretBox> {
    if let Some(key) = &config.secret_key {
        return SecretBox::from_base64(key).context("secret_key");
    }
    let sqlite_path = config
        .database_url
        .strip_prefix("sqlite://")
        .or_else(|| config.database_url.strip_prefix("sqlite:"));
    let Some(db_path) = sqlite_path else {
        anyhow::bail!(
            "set secret_key (CAREPOST_SECRET_KEY or CAREPOST_SECRET_KEY_FILE) to the same value on every instance; \
             for example this new key: {}",
            SecretBox::generate_key()
        );
    };
    let path = std::path::PathBuf::from(format!(
        "{}.key",
        db_path.split('?').next().unwrap_or(db_path)
    ));
    if !path.exists() {
        write_private(&path, &SecretBox::generate_key())
            .with_context(|| format!("cannot create the key file {}", path.display()))?;
    }
    let key = std::fs::read_to_string(&path)
        .with_context(|| format!("cannot read {}", path.display()))?;
    SecretBox::from_base64(&key).with_context(|| format!("key file {}", path.display()))
}

fn write_private(path: &std::path::Path, content: &str) -> std::io::Result<()> {
    use std::io::Write;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options.open(path)?.write_all(content.as_bytes())
}

pub fn print_config(common: &Common) -> anyhow::Result<ExitCode> {
    print!("{}", load(common)?.render_masked());
    Ok(ExitCode::SUCCESS)
}

pub async fn serve(args: ServeArgs) -> anyhow::Result<ExitCode> {
    let mut config = load(&args.common)?;
    if let Some(bind) = args.bind {
        config.bind = bind;
    }
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_new(&config.log)
                .with_context(|| format!("invalid log filter '{}'", config.log))?,
        )
        .init();
    let listener = tokio::net::TcpListener::bind(&config.bind)
        .await
        .with_context(|| format!("cannot listen on {}", config.bind))?;
    let addr = listener.local_addr()?;
    // With port 0 the system picks one; links must name the real one.
    let public_url = match &config.public_url {
        Some(_) => config.public_url(),
        None => format!("http://{addr}"),
    };
    let desk = Arc::new(
        open_serving_desk(&config)
            .await?
            .with_messaging(messaging(&config, &public_url)?),
    );

    if args.demo {
        match desk.seed_demo().await? {
            Some(org) => {
                println!(
                    "Demo organisation '{}' created. Sign in at {public_url}/login as:",
                    org.name
                );
                for a in &domain::demo::ACCOUNTS {
                    println!(
                        "  {:<32} {:<10} password: {}",
                        a.email,
                        a.role.as_str(),
                        domain::demo::DEMO_PASSWORD
                    );
                }
            }
            None => println!("--demo skipped: this database already has users"),
        }
    }
    if let Some(secret) = desk.begin_setup().await? {
        println!("No users yet. Open this one-time link to create the first administrator:");
        println!("  {public_url}/setup?token={secret}");
    }

    tracing::info!(
        %addr,
        database = desk.store().backend(),
        "carepost is serving"
    );
    println!(
        "Carepost is running at {public_url} (database: {})",
        config.describe_database()
    );
    let (stop_tx, mut stop_rx) = tokio::sync::watch::channel(false);
    let worker = config.worker.then(|| {
        let settings = worker_settings(&config);
        tokio::spawn(web::worker::run(desk.clone(), settings, async move {
            let _ = stop_rx.changed().await;
        }))
    });
    let state = web::AppState::new(
        desk,
        web::WebConfig {
            cookie_secure: config.cookie_secure,
            trust_proxy: config.trust_proxy,
            public_url,
            twilio_auth_token: config.twilio_auth_token.clone(),
        },
    );
    web::serve(listener, state, async move {
        shutdown_signal().await;
        let _ = stop_tx.send(true);
    })
    .await?;
    // Let deliveries in flight finish and record their outcome.
    if let Some(worker) = worker {
        let _ = worker.await;
    }
    Ok(ExitCode::SUCCESS)
}

fn worker_settings(config: &Config) -> domain::desk::WorkerSettings {
    let host = std::env::var("HOSTNAME").unwrap_or_else(|_| "carepost".into());
    domain::desk::WorkerSettings {
        worker_id: format!("{host}-{}-{}", std::process::id(), domain::id::new_id()),
        lease: std::time::Duration::from_secs(config.job_lease_seconds.max(1)),
        backoff: domain::publishing::Backoff {
            base: std::time::Duration::from_secs_f64(config.publish_retry_seconds.max(0.01)),
            max_attempts: config.publish_max_attempts.max(1),
            ..Default::default()
        },
        inbox_poll: std::time::Duration::from_secs(config.inbox_poll_seconds.max(1)),
        ..Default::default()
    }
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        if let Ok(mut s) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        {
            s.recv().await;
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! { _ = ctrl_c => {}, _ = term => {} }
    tracing::info!("shutting down");
}

pub async fn admin(cmd: AdminCommand) -> anyhow::Result<ExitCode> {
    let AdminCommand::Create {
        common,
        email,
        name,
        org,
        password_stdin: _,
    } = cmd;
    let mut password = String::new();
    std::io::stdin()
        .read_to_string(&mut password)
        .context("cannot read the password from standard input")?;
    let password = password.trim_end_matches(['\n', '\r']);
    let name = name.unwrap_or_else(|| email.split('@').next().unwrap_or("Admin").to_string());
    let desk = open_desk(&load(&common)?).await?;
    match desk.create_admin(&org, &email, &name, password).await {
        Ok((org, user)) => {
            println!(
                "created administrator {} in '{}' ({})",
                user.email, org.name, org.slug
            );
            Ok(ExitCode::SUCCESS)
        }
        Err(e) => {
            report_domain_error(&e);
            Ok(ExitCode::from(1))
        }
    }
}

pub async fn token(cmd: TokenCommand) -> anyhow::Result<ExitCode> {
    let TokenCommand::Create {
        common,
        email,
        name,
    } = cmd;
    let desk = open_desk(&load(&common)?).await?;
    match desk.create_token_for(&email, &name).await {
        Ok((secret, _)) => {
            println!("{secret}");
            Ok(ExitCode::SUCCESS)
        }
        Err(e) => {
            report_domain_error(&e);
            Ok(ExitCode::from(1))
        }
    }
}

pub async fn audit(cmd: AuditCommand) -> anyhow::Result<ExitCode> {
    let AuditCommand::Verify { common } = cmd;
    let desk = open_desk(&load(&common)?).await?;
    let mut broken = false;
    for org in desk.store().list_orgs().await? {
        let report = desk.verify_org_audit(&org.id).await?;
        if report.intact() {
            println!("{}: {} entries, chain intact", org.slug, report.entries);
        } else {
            broken = true;
            println!("{}: {} entries, CHAIN BROKEN", org.slug, report.entries);
            for b in &report.breaks {
                println!("  entry {}: {}", b.seq, b.problem);
            }
        }
    }
    Ok(if broken {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn report_domain_error(e: &domain::DomainError) {
    eprintln!("error: {e}");
    if let domain::DomainError::Validation(_, fields) = e {
        for (field, msg) in fields {
            eprintln!("  {field}: {msg}");
        }
    }
}
