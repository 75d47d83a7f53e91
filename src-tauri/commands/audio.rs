//! Native audio playback (rodio) of a workspace recording: load, play,
//! pause, seek, speed, stop. Each answers with the player's state; changes
//! are also sent as the `audio-state` event.

use tauri::State;

use crate::error::{IpcError, IpcResult};
use crate::playback::{AudioState, NativeAudio};
use crate::state::{blocking, with_ws, AppState};

#[tauri::command]
pub async fn audio_load(state: State<'_, AppState>, hash: String) -> IpcResult<AudioState> {
    let h = hash.clone();
    let (path, key) = with_ws(&state, move |ws| {
        crate::media_server::lookup(ws, &h)
            .map(|(p, _)| (p, ws.media_key()))
            .ok_or_else(|| {
                IpcError::new(
                    "not_found_media",
                    format!("no recording {h} in this workspace"),
                )
            })
    })
    .await?;
    on_audio(&state, move |a| a.load(hash, path, key)).await
}

/// Audio calls wait on the audio thread: keep them off the async workers.
async fn on_audio(
    state: &AppState,
    f: impl FnOnce(&NativeAudio) -> IpcResult<AudioState> + Send + 'static,
) -> IpcResult<AudioState> {
    let audio = state.audio.clone();
    blocking(move || f(&audio)).await
}

#[tauri::command]
pub async fn audio_play(state: State<'_, AppState>) -> IpcResult<AudioState> {
    on_audio(&state, |a| a.play()).await
}

#[tauri::command]
pub async fn audio_pause(state: State<'_, AppState>) -> IpcResult<AudioState> {
    on_audio(&state, |a| a.pause()).await
}

#[tauri::command]
pub async fn audio_seek(state: State<'_, AppState>, seconds: f64) -> IpcResult<AudioState> {
    on_audio(&state, move |a| a.seek(seconds)).await
}

#[tauri::command]
pub async fn audio_speed(state: State<'_, AppState>, speed: f32) -> IpcResult<AudioState> {
    on_audio(&state, move |a| a.speed(speed)).await
}

#[tauri::command]
pub async fn audio_stop(state: State<'_, AppState>) -> IpcResult<AudioState> {
    on_audio(&state, |a| a.stop()).await
}
