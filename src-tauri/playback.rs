//! Native audio playback for audio-only interviews (rodio), on a thread of
//! its own because an audio output stream is not `Send`.
//!
//! The UI sends play/pause/seek/speed; the thread emits [`AudioState`] about
//! five times a second while playing. The transcript follows those positions
//! through the same UI module that follows the `<video>` element
//! (`ui/src/lib/transcriptSync.ts`), so both players share one sync logic.
//!
//! No sound card (CI, this build machine, a headless box) is a normal case:
//! the open fails in milliseconds and the UI gets `audio_unavailable` with a
//! message, then plays the file in the webview through the media server.

use std::path::PathBuf;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::sync::Mutex;
use std::time::Duration;

use serde::Serialize;
use shortlist_core::store::crypt::MediaKey;

use crate::error::{IpcError, IpcResult};

pub const MIN_SPEED: f32 = 0.75;
pub const MAX_SPEED: f32 = 2.0;

#[derive(Debug, Clone, Serialize, PartialEq)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct AudioState {
    /// What is loaded (media hash), if anything.
    pub hash: Option<String>,
    pub playing: bool,
    pub position: f64,
    pub duration: Option<f64>,
    pub speed: f32,
    pub ended: bool,
}

impl AudioState {
    fn idle() -> Self {
        AudioState {
            hash: None,
            playing: false,
            position: 0.0,
            duration: None,
            speed: 1.0,
            ended: false,
        }
    }
}

/// A playback speed the UI may ask for, or an error naming the range.
pub fn check_speed(speed: f32) -> IpcResult<f32> {
    if speed.is_finite() && (MIN_SPEED..=MAX_SPEED).contains(&speed) {
        Ok(speed)
    } else {
        Err(IpcError::new(
            "invalid_argument",
            format!("playback speed {speed} is outside {MIN_SPEED}–{MAX_SPEED}×"),
        ))
    }
}

/// Clamp a seek target into the recording.
pub fn clamp_seek(target: f64, duration: Option<f64>) -> f64 {
    let t = if target.is_finite() {
        target.max(0.0)
    } else {
        0.0
    };
    match duration {
        Some(d) if d > 0.0 => t.min(d),
        _ => t,
    }
}

type Reply = Sender<IpcResult<AudioState>>;

enum Cmd {
    Load {
        hash: String,
        path: PathBuf,
        /// The workspace key of an encrypted workspace (decrypted as read).
        key: Option<MediaKey>,
        reply: Reply,
    },
    Play(Reply),
    Pause(Reply),
    Seek(f64, Reply),
    Speed(f32, Reply),
    Stop(Reply),
}

/// Handle to the audio thread.
pub struct NativeAudio {
    tx: Mutex<Sender<Cmd>>,
}

impl NativeAudio {
    /// Start the audio thread; `on_state` receives position updates.
    pub fn start(on_state: impl Fn(&AudioState) + Send + 'static) -> NativeAudio {
        let (tx, rx) = mpsc::channel();
        std::thread::Builder::new()
            .name("shortlist-audio".into())
            .spawn(move || audio_thread(rx, on_state))
            .expect("spawn audio thread");
        NativeAudio { tx: Mutex::new(tx) }
    }

    fn call(&self, make: impl FnOnce(Reply) -> Cmd) -> IpcResult<AudioState> {
        let (reply, rx) = mpsc::channel();
        self.tx
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .send(make(reply))
            .map_err(|_| IpcError::new("audio_unavailable", "the audio thread has stopped"))?;
        rx.recv_timeout(Duration::from_secs(10))
            .map_err(|_| IpcError::new("audio_unavailable", "the audio thread did not answer"))?
    }

    /// Load the recording at `path`, decrypting it with `key` when the
    /// workspace is encrypted (seeks decrypt one chunk).
    pub fn load(
        &self,
        hash: String,
        path: PathBuf,
        key: Option<MediaKey>,
    ) -> IpcResult<AudioState> {
        self.call(|reply| Cmd::Load {
            hash,
            path,
            key,
            reply,
        })
    }
    pub fn play(&self) -> IpcResult<AudioState> {
        self.call(Cmd::Play)
    }
    pub fn pause(&self) -> IpcResult<AudioState> {
        self.call(Cmd::Pause)
    }
    pub fn seek(&self, seconds: f64) -> IpcResult<AudioState> {
        self.call(|r| Cmd::Seek(seconds, r))
    }
    pub fn speed(&self, speed: f32) -> IpcResult<AudioState> {
        let speed = check_speed(speed)?;
        self.call(|r| Cmd::Speed(speed, r))
    }
    pub fn stop(&self) -> IpcResult<AudioState> {
        self.call(Cmd::Stop)
    }
}

#[cfg(feature = "playback")]
mod native {
    use super::*;
    use rodio::{Decoder, DeviceSinkBuilder, MixerDeviceSink, Player, Source};
    use shortlist_core::store::crypt::MediaReader;

    pub struct Engine {
        sink: Option<MixerDeviceSink>,
        player: Option<Player>,
        pub state: AudioState,
    }

    fn unavailable(detail: impl std::fmt::Display) -> IpcError {
        IpcError::new(
            "audio_unavailable",
            format!(
                "No audio output device is available ({detail}). The recording plays in the window instead."
            ),
        )
    }

    impl Engine {
        pub fn new() -> Self {
            Engine {
                sink: None,
                player: None,
                state: AudioState::idle(),
            }
        }

        pub fn load(
            &mut self,
            hash: String,
            path: PathBuf,
            key: Option<MediaKey>,
        ) -> IpcResult<()> {
            if self.sink.is_none() {
                let mut sink = DeviceSinkBuilder::open_default_sink().map_err(unavailable)?;
                sink.log_on_drop(false);
                self.sink = Some(sink);
            }
            let file = MediaReader::open(&path, key.as_deref()).map_err(|e| {
                IpcError::new(
                    "io",
                    format!("cannot open recording {}: {e}", path.display()),
                )
            })?;
            let len = file.len();
            let decoder =
                Decoder::builder()
                    .with_data(std::io::BufReader::new(file))
                    .with_byte_len(len)
                    .with_seekable(true)
                    .build()
                    .map_err(|e| {
                        IpcError::new(
                    "audio_unsupported",
                    format!("cannot decode recording {hash}: {e}; it plays in the window instead"),
                )
                    })?;
            let duration = decoder.total_duration().map(|d| d.as_secs_f64());
            let player = Player::connect_new(self.sink.as_ref().expect("opened").mixer());
            player.pause();
            player.append(decoder);
            player.set_speed(self.state.speed);
            self.player = Some(player);
            self.state = AudioState {
                hash: Some(hash),
                playing: false,
                position: 0.0,
                duration,
                speed: self.state.speed,
                ended: false,
            };
            Ok(())
        }

        fn player(&self) -> IpcResult<&Player> {
            self.player
                .as_ref()
                .ok_or_else(|| IpcError::new("invalid_argument", "no recording is loaded"))
        }

        pub fn play(&mut self) -> IpcResult<()> {
            self.player()?.play();
            self.state.playing = true;
            Ok(())
        }
        pub fn pause(&mut self) -> IpcResult<()> {
            self.player()?.pause();
            self.state.playing = false;
            Ok(())
        }
        pub fn seek(&mut self, t: f64) -> IpcResult<()> {
            let t = clamp_seek(t, self.state.duration);
            self.player()?
                .try_seek(Duration::from_secs_f64(t))
                .map_err(|e| IpcError::new("audio_seek", format!("cannot seek to {t:.1}s: {e}")))?;
            self.state.position = t;
            Ok(())
        }
        pub fn speed(&mut self, s: f32) -> IpcResult<()> {
            if let Some(p) = &self.player {
                p.set_speed(s);
            }
            self.state.speed = s;
            Ok(())
        }
        pub fn stop(&mut self) {
            if let Some(p) = self.player.take() {
                p.stop();
            }
            self.state = AudioState {
                speed: self.state.speed,
                ..AudioState::idle()
            };
        }
        /// Refresh position; true when something changed worth telling.
        pub fn tick(&mut self) -> bool {
            let Some(p) = &self.player else { return false };
            if !self.state.playing {
                return false;
            }
            self.state.position = p.get_pos().as_secs_f64();
            if p.empty() {
                self.state.playing = false;
                self.state.ended = true;
            }
            true
        }
    }
}

#[cfg(not(feature = "playback"))]
mod native {
    use super::*;

    pub struct Engine {
        pub state: AudioState,
    }

    fn unavailable() -> IpcError {
        IpcError::new(
            "audio_unavailable",
            "This build has no native audio playback; the recording plays in the window instead.",
        )
    }

    impl Engine {
        pub fn new() -> Self {
            Engine {
                state: AudioState::idle(),
            }
        }
        pub fn load(&mut self, _: String, _: PathBuf, _: Option<MediaKey>) -> IpcResult<()> {
            Err(unavailable())
        }
        pub fn play(&mut self) -> IpcResult<()> {
            Err(unavailable())
        }
        pub fn pause(&mut self) -> IpcResult<()> {
            Err(unavailable())
        }
        pub fn seek(&mut self, _: f64) -> IpcResult<()> {
            Err(unavailable())
        }
        pub fn speed(&mut self, s: f32) -> IpcResult<()> {
            self.state.speed = s;
            Ok(())
        }
        pub fn stop(&mut self) {}
        pub fn tick(&mut self) -> bool {
            false
        }
    }
}

/// The alert sound (F23, "optional sound"): two short rising tones, quiet,
/// faded in and out so they do not click. Generated, so no audio file ships.
pub fn chime() -> impl Iterator<Item = rodio::source::SineWave> + Clone {
    [880.0_f32, 1318.5]
        .into_iter()
        .map(rodio::source::SineWave::new)
}

/// Each tone of [`chime`] shaped: its length, fades and volume.
fn shaped(
    tone: rodio::source::SineWave,
) -> impl rodio::Source<Item = rodio::Sample> + Send + 'static {
    use rodio::Source;
    tone.take_duration(Duration::from_millis(140))
        .fade_in(Duration::from_millis(10))
        .amplify(0.18)
}

/// Plays [`chime`] on the default output device, on a thread of its own
/// (the caller never waits). No device is a normal case: `audio_unavailable`.
pub fn play_chime() -> IpcResult<()> {
    #[cfg(feature = "playback")]
    {
        let mut sink = rodio::DeviceSinkBuilder::open_default_sink().map_err(|e| {
            IpcError::new(
                "audio_unavailable",
                format!("No audio output device is available ({e}); alerts stay silent."),
            )
        })?;
        sink.log_on_drop(false);
        std::thread::spawn(move || {
            let player = rodio::Player::connect_new(sink.mixer());
            for tone in chime() {
                player.append(shaped(tone));
            }
            player.sleep_until_end();
        });
        Ok(())
    }
    #[cfg(not(feature = "playback"))]
    {
        let _ = shaped;
        Err(IpcError::new(
            "audio_unavailable",
            "This build has no native audio output; alerts stay silent.",
        ))
    }
}

fn audio_thread(rx: Receiver<Cmd>, on_state: impl Fn(&AudioState)) {
    let mut engine = native::Engine::new();
    loop {
        match rx.recv_timeout(Duration::from_millis(200)) {
            Ok(cmd) => {
                let (result, reply) = match cmd {
                    Cmd::Load {
                        hash,
                        path,
                        key,
                        reply,
                    } => (engine.load(hash, path, key), reply),
                    Cmd::Play(r) => (engine.play(), r),
                    Cmd::Pause(r) => (engine.pause(), r),
                    Cmd::Seek(t, r) => (engine.seek(t), r),
                    Cmd::Speed(s, r) => (engine.speed(s), r),
                    Cmd::Stop(r) => {
                        engine.stop();
                        (Ok(()), r)
                    }
                };
                let _ = reply.send(result.map(|_| engine.state.clone()));
                on_state(&engine.state);
            }
            Err(RecvTimeoutError::Timeout) => {
                if engine.tick() {
                    on_state(&engine.state);
                }
            }
            Err(RecvTimeoutError::Disconnected) => return,
        }
    }
}

#[cfg(test)]
mod tests {

    /// The chime is short, quiet and not silent: under half a second, and
    /// every sample within ±0.18 with some above half of that.
    #[test]
    fn the_alert_chime_is_short_quiet_and_audible() {
        use rodio::Source;
        let mut samples = 0usize;
        let mut rate_x_channels = 0u32;
        let mut peak = 0.0f32;
        for tone in chime() {
            let s = shaped(tone);
            rate_x_channels = s.sample_rate().get() * u32::from(s.channels().get());
            for x in s {
                samples += 1;
                peak = peak.max(x.abs());
            }
        }
        let seconds = samples as f64 / f64::from(rate_x_channels);
        assert!(seconds > 0.2 && seconds < 0.5, "{seconds} s");
        assert!(peak <= 0.18 + 1e-6 && peak > 0.09, "peak {peak}");
    }

    use super::*;

    #[test]
    fn speed_range() {
        assert_eq!(check_speed(0.75).unwrap(), 0.75);
        assert_eq!(check_speed(2.0).unwrap(), 2.0);
        assert_eq!(check_speed(0.5).unwrap_err().code, "invalid_argument");
        assert_eq!(check_speed(f32::NAN).unwrap_err().code, "invalid_argument");
        assert_eq!(check_speed(2.5).unwrap_err().code, "invalid_argument");
    }

    #[test]
    fn seek_clamps() {
        assert_eq!(clamp_seek(-3.0, Some(10.0)), 0.0);
        assert_eq!(clamp_seek(12.0, Some(10.0)), 10.0);
        assert_eq!(clamp_seek(f64::NAN, None), 0.0);
        assert_eq!(clamp_seek(4.5, None), 4.5);
    }

    /// On a machine without a sound card (CI, this build box) loading must
    /// fail with `audio_unavailable` and a message — never panic. On a machine
    /// with one it must load and report a duration.
    #[test]
    fn load_never_panics() {
        let dir = tempfile::tempdir().unwrap();
        let wav = dir.path().join("tone.wav");
        write_wav(&wav, 8000, 0.5);
        let audio = NativeAudio::start(|_| {});
        match audio.load("h".into(), wav, None) {
            Ok(state) => {
                let d = state.duration.expect("wav has a duration");
                assert!((d - 0.5).abs() < 0.05, "{d}");
                audio.stop().unwrap();
            }
            Err(e) => {
                assert_eq!(e.code, "audio_unavailable", "{e}");
                assert!(e.message.contains("plays in the window"), "{e}");
            }
        }
        // commands without a loaded recording are errors, not panics
        assert!(audio.play().is_err());
        assert_eq!(audio.speed(9.0).unwrap_err().code, "invalid_argument");
    }

    fn write_wav(path: &std::path::Path, rate: u32, seconds: f64) {
        let n = (rate as f64 * seconds) as u32;
        let mut b = Vec::new();
        b.extend_from_slice(b"RIFF");
        b.extend_from_slice(&(36 + n * 2).to_le_bytes());
        b.extend_from_slice(b"WAVEfmt ");
        b.extend_from_slice(&16u32.to_le_bytes());
        b.extend_from_slice(&1u16.to_le_bytes());
        b.extend_from_slice(&1u16.to_le_bytes());
        b.extend_from_slice(&rate.to_le_bytes());
        b.extend_from_slice(&(rate * 2).to_le_bytes());
        b.extend_from_slice(&2u16.to_le_bytes());
        b.extend_from_slice(&16u16.to_le_bytes());
        b.extend_from_slice(b"data");
        b.extend_from_slice(&(n * 2).to_le_bytes());
        for i in 0..n {
            let s =
                ((i as f64 / rate as f64 * 440.0 * std::f64::consts::TAU).sin() * 8000.0) as i16;
            b.extend_from_slice(&s.to_le_bytes());
        }
        std::fs::write(path, b).unwrap();
    }
}
